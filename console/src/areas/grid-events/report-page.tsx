import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Cascader, Form, Input, List, Radio, Result, Select, Space, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { RequestRefused } from '../../api/graphql';
import { useHubRequest } from '../../api/use-query';
import { idNumberProblem } from '../../format/validate';
import { useSession } from '../../session/session';
import { refusalText } from '../civil-affairs/labels';
import { ACCEPT_ATTRIBUTE, checkAttachment, MAX_ATTACHMENTS, type CheckedFile } from './attachments';
import { hoursLabel, PRIORITY_LABELS } from './labels';
import { DWELLING_CHOICES, useDwellingChoices, useGridChoices } from '../grid-center/dwelling-choices';
import { PersonKeyQuery, ReportGridEventMutation } from './queries';
import { useCategories, type Category } from './use-categories';

interface ReportForm {
  category: string[];
  gridCode: string;
  dwellingId?: string;
  address: string;
  description: string;
  priority: string;
}

/** A person named in the report: the key the API takes, and only what the API let this purpose read. */
interface NamedPerson {
  id: string;
  name: string | null;
  /** The typed ID number, shown masked: the form keeps no more of it than the worker needs to recognise the row. */
  shown: string;
}

const MAX_PEOPLE = 20;

function dwellingsNote(total: number | undefined): string | undefined {
  if (total === undefined) return undefined;
  return total > DWELLING_CHOICES ? `本网格共 ${total} 套房屋，此处列出前 ${DWELLING_CHOICES} 套，可按地址搜索；不在其中的请在“地点”中写明` : `本网格共 ${total} 套房屋，可按地址搜索`;
}

const maskIdNumber = (value: string) => `${value.slice(0, 6)}********${value.slice(14)}`;

/** Main classes with their sub-classes, for the cascader (a main class may be chosen itself when nothing finer fits). */
function categoryTree(categories: readonly Category[]) {
  const mains = categories.filter((c) => !c.parentCode);
  return mains.map((main) => {
    const children = categories.filter((c) => c.parentCode === main.code);
    return {
      value: main.code,
      label: main.name,
      children: children.length ? [{ value: main.code, label: `${main.name}（其他）` }, ...children.map((c) => ({ value: c.code, label: c.name }))] : undefined,
    };
  });
}

/**
 * 上报事件: what a 网格员 found in their grid — category, place, what and whom, how urgent, with photos. Built
 * for a phone: one column, large targets; every field is checked as it is typed, and what the API still refuses is
 * shown as it says it.
 */
export function ReportPage() {
  const { session } = useSession();
  const request = useHubRequest();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const [form] = Form.useForm<ReportForm>();
  const { list: categories, categories: byCode } = useCategories();
  const grids = useGridChoices();
  const gridCode = Form.useWatch('gridCode', form) ?? (jurisdiction.length === 15 ? jurisdiction : undefined);
  const chosenCategory = Form.useWatch('category', form);
  const priority = Form.useWatch('priority', form) ?? 'NORMAL';
  const dwellings = useDwellingChoices(gridCode);
  const [people, setPeople] = useState<NamedPerson[]>([]);
  const [idNumber, setIdNumber] = useState('');
  const [personProblem, setPersonProblem] = useState<string>();
  const [files, setFiles] = useState<CheckedFile[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [reported, setReported] = useState<{ id: string }>();
  const tree = useMemo(() => categoryTree(categories), [categories]);
  const category = chosenCategory ? byCode.get(chosenCategory[chosenCategory.length - 1]) : undefined;
  const slaHours = category ? { NORMAL: category.slaHoursNormal, URGENT: category.slaHoursUrgent, CRITICAL: category.slaHoursCritical }[priority] : undefined;

  async function addPerson() {
    const value = idNumber.trim().toUpperCase();
    const problem = idNumberProblem(value);
    if (problem) return setPersonProblem(problem);
    if (people.length >= MAX_PEOPLE) return setPersonProblem(`最多填写 ${MAX_PEOPLE} 名涉及人员`);
    setPersonProblem(undefined);
    try {
      const result = await request(PersonKeyQuery, { idNumber: value });
      const person = result.data?.person;
      if (!person) return setPersonProblem(result.errors[0] ? refusalText(result.errors[0]) : '未找到该身份证号码对应的人员');
      if (people.some((p) => p.id === person.id)) return setPersonProblem('该人员已在列表中');
      setPeople((list) => [...list, { id: person.id, name: person.name ?? null, shown: maskIdNumber(value) }]);
      setIdNumber('');
    } catch (error) {
      setPersonProblem(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    }
  }

  async function addFile(file: File) {
    if (files.length >= MAX_ATTACHMENTS) {
      setFileProblems((p) => [...p, `最多上传 ${MAX_ATTACHMENTS} 个附件，“${file.name}”未添加`]);
      return;
    }
    const checked = await checkAttachment(file);
    if ('problem' in checked) setFileProblems((p) => [...p, checked.problem]);
    else setFiles((list) => (list.length >= MAX_ATTACHMENTS ? list : [...list, checked]));
  }

  async function submit(values: ReportForm) {
    setSaving(true);
    setRefusal(undefined);
    try {
      const result = await request(ReportGridEventMutation, {
        input: {
          category: values.category[values.category.length - 1],
          gridCode: values.gridCode,
          dwellingId: values.dwellingId || null,
          address: values.address.trim(),
          description: values.description.trim(),
          personIds: people.map((p) => p.id),
          priority: values.priority,
          attachments: files.map(({ fileName, contentType, contentBase64 }) => ({ fileName, contentType, contentBase64 })),
        },
      });
      const event = result.data?.reportGridEvent;
      if (!event) return setRefusal(result.errors[0] ? refusalText(result.errors[0], result.requestId) : '上报未成功，请稍后重试。');
      setReported(event);
    } catch (error) {
      if (error instanceof RequestRefused && error.status === 413) setRefusal('附件合计过大，网关拒收（请求超过 1 MiB）：请减少或压缩附件后再上报。');
      else setRefusal(error instanceof RequestRefused ? refusalText(error.error, error.requestId) : String(error));
    } finally {
      setSaving(false);
    }
  }

  if (reported) {
    return (
      <Result
        status="success"
        title="事件已上报"
        subTitle="网格中心受理后会分拨到承办部门，您可以在“网格事件”中查看进展。"
        extra={[
          <Link key="open" to={`/grid/events/${reported.id}`} data-testid="reported-event-link">
            <Button type="primary">查看事件</Button>
          </Link>,
          <Button
            key="again"
            onClick={() => {
              form.resetFields();
              setPeople([]);
              setFiles([]);
              setFileProblems([]);
              setReported(undefined);
            }}
          >
            继续上报
          </Button>,
        ]}
      />
    );
  }

  return (
    <div className="report-page">
      <Typography.Title level={4}>上报事件</Typography.Title>
      <Card size="small">
        <Form<ReportForm>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ priority: 'NORMAL', gridCode: jurisdiction.length === 15 ? jurisdiction : undefined }}
          onFinish={(values) => void submit(values)}
          onValuesChange={(changed: Partial<ReportForm>) => changed.gridCode && form.setFieldsValue({ dwellingId: undefined })}
        >
          <Form.Item name="category" label="事件类别" rules={[{ required: true, message: '请选择事件类别' }]}>
            <Cascader aria-label="事件类别" options={tree} placeholder="选择类别" showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }} expandTrigger="click" />
          </Form.Item>
          <Form.Item name="gridCode" label="网格" rules={[{ required: true, message: '请选择网格' }]}>
            <Select aria-label="网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} placeholder="选择网格" options={grids.options} />
          </Form.Item>
          <Form.Item
            name="address"
            label="地点"
            rules={[
              { required: true, whitespace: true, message: '请填写事件地点' },
              { max: 200, message: '地点不超过 200 个字' },
            ]}
          >
            <Input aria-label="地点" placeholder="如：3号楼2单元楼道" maxLength={200} />
          </Form.Item>
          <Form.Item name="dwellingId" label="房屋" extra={dwellingsNote(dwellings.total)}>
            <Select
              aria-label="房屋"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!gridCode}
              loading={dwellings.loading}
              placeholder={gridCode ? '如涉及具体房屋，请选择（选填）' : '请先选择网格'}
              options={dwellings.options}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label="事件描述"
            rules={[
              { required: true, whitespace: true, message: '请描述发现的情况' },
              { max: 2000, message: '描述不超过 2000 个字' },
            ]}
          >
            <Input.TextArea aria-label="事件描述" rows={4} maxLength={2000} showCount placeholder="发现了什么、影响到谁、现场情况" />
          </Form.Item>
          <Form.Item label="涉及人员" required={false} extra="按身份证号码添加（选填）：平台只记录人员编号，不复制其信息。">
            <Space.Compact style={{ width: '100%' }}>
              <Input
                aria-label="涉及人员身份证号码"
                value={idNumber}
                maxLength={18}
                placeholder="18 位身份证号码"
                onChange={(e) => setIdNumber(e.target.value)}
                onPressEnter={(e) => {
                  e.preventDefault();
                  void addPerson();
                }}
              />
              <Button icon={<PlusOutlined />} onClick={() => void addPerson()}>
                添加
              </Button>
            </Space.Compact>
            {personProblem && <Alert type="error" showIcon title={personProblem} role="alert" style={{ marginTop: 8 }} data-testid="person-problem" />}
            {people.length > 0 && (
              <List
                size="small"
                data-testid="report-people"
                dataSource={people}
                renderItem={(p) => (
                  <List.Item
                    actions={[<Button key="remove" type="text" size="small" icon={<DeleteOutlined />} aria-label="移除" onClick={() => setPeople((list) => list.filter((x) => x.id !== p.id))} />]}
                  >
                    {p.name ?? <Tag>无权限</Tag>} <Typography.Text type="secondary">{p.shown}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Form.Item>
          <Form.Item name="priority" label="优先级" extra={slaHours !== undefined ? `分拨后承办部门的处置时限：${hoursLabel(slaHours)}` : undefined}>
            <Radio.Group aria-label="优先级" optionType="button" buttonStyle="solid" options={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="附件" required={false} extra={`照片（JPG、PNG）或 PDF，最多 ${MAX_ATTACHMENTS} 个，每个不超过 512 KiB`}>
            <Upload
              accept={ACCEPT_ATTRIBUTE}
              multiple
              showUploadList={false}
              beforeUpload={(file) => {
                void addFile(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} disabled={files.length >= MAX_ATTACHMENTS}>
                添加照片或文件
              </Button>
            </Upload>
            {fileProblems.length > 0 && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginTop: 8 }}
                data-testid="attachment-problem"
                title={fileProblems.map((p) => (
                  <div key={p}>{p}</div>
                ))}
                closable={{ onClose: () => setFileProblems([]) }}
              />
            )}
            {files.length > 0 && (
              <List
                size="small"
                data-testid="report-attachments"
                dataSource={files}
                renderItem={(f) => (
                  <List.Item
                    actions={[<Button key="remove" type="text" size="small" icon={<DeleteOutlined />} aria-label="移除附件" onClick={() => setFiles((list) => list.filter((x) => x !== f))} />]}
                  >
                    <PaperClipOutlined /> {f.fileName} <Typography.Text type="secondary">{(f.sizeBytes / 1024).toFixed(1)} KiB</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Form.Item>
          {refusal && <Alert type="error" showIcon title={refusal} role="alert" style={{ marginBottom: 12 }} data-testid="report-refusal" />}
          <Button type="primary" htmlType="submit" loading={saving} block size="large">
            上报
          </Button>
        </Form>
      </Card>
    </div>
  );
}
