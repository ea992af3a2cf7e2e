import { CheckOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { codeLabel, codeOptions } from '../../format/labels';
import { addressCodeProblem, communityCodeProblem, dwellingAreaProblem, MAX_DWELLING_AREA } from '../../format/validate';
import { AnswerNotices } from '../../policy/answer-notices';
import { useMayWrite } from '../../session/may-write';
import { useSession } from '../../session/session';
import { DwellingLink, GridLink } from '../grid-center/links';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { RegionTreeWithGridsQuery } from '../grid-center/jurisdiction';
import { RegisterDwellingMutation } from './queries';

interface RegisterForm {
  communityCode: string;
  gridCode?: string | null;
  addressCode: string;
  address: string;
  use: string;
  area: number;
}

interface RegionLike {
  code: string;
  name?: string | null;
  level?: string | null;
  children?: RegionLike[] | null;
}

/** The communities of the region tree that lie within the jurisdiction (the regions above it are only context). */
function communitiesWithin(regions: readonly RegionLike[], jurisdiction: string): { code: string; name: string }[] {
  const found: { code: string; name: string }[] = [];
  const walk = (region: RegionLike) => {
    if (region.level === 'COMMUNITY' && region.code.startsWith(jurisdiction)) found.push({ code: region.code, name: region.name ?? region.code });
    for (const child of region.children ?? []) walk(child);
  };
  regions.forEach(walk);
  return found.sort((a, b) => a.code.localeCompare(b.code));
}

interface Registered {
  id: string;
  address?: string | null;
  addressCode?: string | null;
  use?: string | null;
  area?: number | null;
  gridCode?: string | null;
}

/**
 * 实有房屋登记: housing registers a dwelling at a standard address of a community of its jurisdiction — the community
 * from the region tree, the 标准地址编码 checked as the API checks it (21 digits starting with the community's code),
 * 建筑用途 from the API's table (GB/T 31000), the area in m², and, if known, the grid. The grid center then places
 * the dwelling in its grid (网格划分调整); until then the grid page does not list it. The new dwelling is shown with a
 * link to its page. Offered to housing's officers and supervisors under 房屋信息管理 only (housing.dwelling.write).
 */
export function RegisterDwellingPage() {
  const mayRegister = useMayWrite('HOUSING_ADMINISTRATION');
  return (
    <div>
      <Typography.Title level={4}>实有房屋登记</Typography.Title>
      <Typography.Paragraph type="secondary">
        登记辖区内新建成或新发现的房屋（一标三实）。标准地址编码由社区代码 12 位、楼栋 3 位、单元 2 位、房号 4 位组成，同一编码只能登记一次。登记后由网格中心将房屋划入网格。
      </Typography.Paragraph>
      {mayRegister ? (
        <RegisterDwellingForm />
      ) : (
        <Alert type="info" showIcon data-testid="register-dwelling-not-offered" title="实有房屋登记由房屋部门的经办人员和负责人在“房屋信息管理”用途下办理。" style={{ maxWidth: 640 }} />
      )}
    </div>
  );
}

function RegisterDwellingForm() {
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const [form] = Form.useForm<RegisterForm>();
  const write = useWrite(RegisterDwellingMutation);
  const places = useHubQuery(RegionTreeWithGridsQuery, {});
  const [registered, setRegistered] = useState<Registered>();
  const communityCode = Form.useWatch('communityCode', form);
  const previousCommunity = useRef<string>(undefined);

  const communities = useMemo(() => communitiesWithin(places.result?.data?.regions ?? [], jurisdiction), [places.result, jurisdiction]);
  const communityName = communities.find((c) => c.code === communityCode?.trim())?.name;
  const validCommunity = !!communityCode && !communityCodeProblem(communityCode, jurisdiction);
  const gridOptions = (places.result?.data?.grids ?? []).filter((g) => validCommunity && g.code.startsWith(communityCode.trim())).map((g) => ({ value: g.code, label: `${g.name}（${g.code}）` }));

  /** A community chosen: the address code keeps what was typed after the old community's code, under the new one. */
  function communityChanged(next: string | undefined) {
    const code = next?.trim() ?? '';
    const { addressCode = '', gridCode } = form.getFieldsValue();
    const previous = previousCommunity.current;
    previousCommunity.current = /^\d{12}$/.test(code) ? code : undefined;
    if (gridCode && !gridCode.startsWith(code)) form.setFieldsValue({ gridCode: undefined });
    if (!/^\d{12}$/.test(code)) return;
    if (!addressCode) form.setFieldsValue({ addressCode: code });
    else if (previous && addressCode.startsWith(previous)) form.setFieldsValue({ addressCode: code + addressCode.slice(previous.length) });
  }

  async function confirm() {
    let values: RegisterForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: {
        communityCode: values.communityCode.trim(),
        gridCode: values.gridCode || null,
        addressCode: values.addressCode.trim(),
        address: values.address.trim(),
        use: values.use,
        area: values.area,
        clientRequestId,
      },
    }));
    if (!answer) return;
    setRegistered({ ...answer.registerDwelling, gridCode: values.gridCode || null });
    previousCommunity.current = undefined;
    form.resetFields();
  }

  return (
    <>
      <AnswerNotices refused={places.refused} errors={places.result?.errors} />
      {registered && (
        <Alert
          type="success"
          showIcon
          data-testid="dwelling-registered"
          closable={{ onClose: () => setRegistered(undefined) }}
          style={{ marginBottom: 12, maxWidth: 880 }}
          title={
            <span>
              已登记实有房屋 <DwellingLink id={registered.id}>{registered.id}</DwellingLink>：{registered.address}
            </span>
          }
          description={
            <span>
              标准地址编码 {registered.addressCode}，{codeLabel('buildingUse', registered.use)}，{registered.area?.toFixed(2)} 平方米。
              {registered.gridCode ? (
                <>
                  登记所填网格 <GridLink code={registered.gridCode} />
                  ，待网格中心划入该网格后列入网格的房屋清单。
                </>
              ) : (
                '尚未划入网格，待网格中心在“网格划分调整”中划入。'
              )}
            </span>
          }
        />
      )}
      <Card size="small" style={{ maxWidth: 880 }} data-testid="register-dwelling">
        <Form<RegisterForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onValuesChange={(changed: Partial<RegisterForm>) => 'communityCode' in changed && communityChanged(changed.communityCode)}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="communityCode"
                label="所属社区"
                validateTrigger={['onChange', 'onBlur']}
                rules={[{ validator: (_, v?: string) => (communityCodeProblem(v ?? '', jurisdiction) ? Promise.reject(new Error(communityCodeProblem(v ?? '', jurisdiction))) : Promise.resolve()) }]}
                extra={communityName ?? (communities.length ? '可输入社区名称或代码查找' : undefined)}
              >
                <AutoComplete
                  aria-label="所属社区"
                  placeholder="12 位社区（村）代码，或从列表选择"
                  options={communities.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
                  showSearch={{ filterOption: (input, option) => !!option && (option.label.includes(input) || option.value.startsWith(input)) }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="gridCode" label="所属网格（可不填）" extra="网格中心将据此划入网格；不清楚的可不填">
                <Select
                  aria-label="所属网格"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={!validCommunity}
                  loading={places.loading}
                  placeholder={validCommunity ? (gridOptions.length ? '选择网格' : '该社区尚无网格') : '请先选择社区'}
                  options={gridOptions}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="addressCode"
                label="标准地址编码"
                dependencies={['communityCode']}
                validateTrigger={['onChange', 'onBlur']}
                rules={[
                  {
                    validator: (_, v?: string) => {
                      const problem = addressCodeProblem(v ?? '', form.getFieldValue('communityCode')?.trim());
                      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                    },
                  },
                ]}
              >
                <Input aria-label="标准地址编码" placeholder="社区代码 12 位 + 楼栋 3 位 + 单元 2 位 + 房号 4 位" maxLength={21} autoComplete="off" style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="use" label="建筑用途" rules={[{ required: true, message: '请选择建筑用途' }]}>
                <Select aria-label="建筑用途" placeholder="选择建筑用途" options={codeOptions('buildingUse')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="address"
                label="房屋地址"
                rules={[
                  { required: true, whitespace: true, message: '请填写房屋地址' },
                  { max: 200, message: '房屋地址不超过 200 个字' },
                ]}
              >
                <Input aria-label="房屋地址" placeholder="如：天津市津南区××社区 3 号楼 2 单元 301" maxLength={200} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="area"
                label="建筑面积"
                rules={[
                  {
                    validator: (_, v?: number | null) => {
                      const problem = dwellingAreaProblem(v);
                      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                    },
                  },
                ]}
              >
                <InputNumber<number> aria-label="建筑面积" min={0.01} max={MAX_DWELLING_AREA} precision={2} suffix="m²" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <WriteProblemAlert problem={write.problem} />
          <Button type="primary" icon={<CheckOutlined />} loading={write.busy} onClick={() => void confirm()}>
            登记
          </Button>
        </Form>
      </Card>
    </>
  );
}
