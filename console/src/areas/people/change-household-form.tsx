import { SwapOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useHubQuery } from '../../api/use-query';
import { formatDate, todayInChina } from '../../format/dates';
import { codeOptions } from '../../format/labels';
import { pastDayRule } from '../../format/validate';
import { graphql } from '../../gql';
import { useGridChoices } from '../grid-center/dwelling-choices';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';

const ChangeHouseholdMutation = graphql(`
  mutation PopulationChangeHousehold($input: ChangeHouseholdInput!) {
    changeHousehold(input: $input) {
      id
      version
      residenceSince
      household {
        id
        householdNumber
      }
    }
  }
`);

/** The households of a grid, as the form offers them: 户号, 户主 and size. */
const HOUSEHOLD_CHOICES = 200;
const GridHouseholdChoicesQuery = graphql(`
  query GridHouseholdChoices($code: String!) {
    grid(code: $code) {
      code
      households(first: 200) {
        totalCount
        nodes {
          id
          householdNumber
          members {
            relationToHead
            person {
              id
              name
              deathDate
            }
          }
        }
      }
    }
  }
`);

/** 户主 is not a relation one joins a household with (the API refuses it): the head changes in a step of its own. */
const HEAD_OF_HOUSEHOLD = '02';

/** What the form needs of the person page's record. */
export interface HouseholdMemberRecord {
  id: string;
  name?: string | null;
  version: number;
  residenceSince?: string | null;
  household?: { id: string } | null;
  residence?: { grid?: { code: string } | null } | null;
}

interface ChangeForm {
  gridCode: string;
  householdId: string;
  relationToHead: string;
  joinedOn: Dayjs;
}

function useHouseholdChoices(gridCode: string | undefined, besides: string | undefined) {
  const households = useHubQuery(GridHouseholdChoicesQuery, { code: gridCode ?? '' }, { skip: !gridCode });
  const connection = households.result?.data?.grid?.households;
  const options = (connection?.nodes ?? [])
    .filter((h) => h.id !== besides)
    .map((h) => {
      const living = (h.members ?? []).filter((m) => !m.person?.deathDate);
      const head = living.find((m) => m.relationToHead === HEAD_OF_HOUSEHOLD)?.person?.name;
      return { value: h.id, label: `户号 ${h.householdNumber ?? h.id}（户主 ${head ?? '—'}，${living.length} 人）` };
    });
  return { options, total: connection?.totalCount, loading: households.loading };
}

/**
 * 变更户（户口迁移至他户）: the resident joins another household of the jurisdiction — picked by grid and 户号 from
 * population's register, never typed — with their relation to its head, living with it (and at its home) from a day
 * not to come and not before the last move. It sends the version the page shows; someone else's change in between
 * comes back as CONFLICT, and the page reloads the record.
 */
export function ChangeHouseholdForm({ person, onChanged }: { person: HouseholdMemberRecord; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ChangeForm>();
  const write = useWrite(ChangeHouseholdMutation, {
    onConflict: () => {
      setOpen(false);
      onChanged();
    },
  });
  const gridCode = Form.useWatch('gridCode', form);
  const grids = useGridChoices({ skip: !open });
  const households = useHouseholdChoices(open ? gridCode : undefined, person.household?.id);
  const today = todayInChina();

  function start() {
    write.begin();
    form.resetFields();
    form.setFieldsValue({ gridCode: person.residence?.grid?.code, joinedOn: dayjs(today) });
    setOpen(true);
  }

  async function confirm() {
    let values: ChangeForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const answer = await write.send((clientRequestId) => ({
      input: {
        personId: person.id,
        expectedVersion: person.version,
        householdId: values.householdId,
        relationToHead: values.relationToHead,
        joinedOn: values.joinedOn.format('YYYY-MM-DD'),
        clientRequestId,
      },
    }));
    if (!answer) return;
    const joined = answer.changeHousehold;
    message.success(`已变更户：迁入户号 ${joined.household?.householdNumber ?? joined.household?.id ?? ''}，${formatDate(joined.residenceSince)}起共同生活`);
    setOpen(false);
    onChanged();
  }

  return (
    <div data-testid="change-household">
      <Button icon={<SwapOutlined />} onClick={start}>
        变更户
      </Button>
      {!open && <WriteProblemAlert problem={write.problem} onClose={write.dismiss} />}
      <Modal
        open={open}
        title={`变更户（户口迁移至他户）：${person.name ?? ''}`}
        okText="登记变更"
        cancelText="取消"
        confirmLoading={write.busy}
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Typography.Paragraph type="secondary">
          将该居民的户口迁入辖区内的另一户，自入户之日起与该户共同生活、居住在该户住所。户从网格的户籍登记中选择；不能作为户主迁入，变更户主请另行办理。
        </Typography.Paragraph>
        <Form<ChangeForm> form={form} layout="vertical" requiredMark={false} onValuesChange={(changed: Partial<ChangeForm>) => changed.gridCode && form.setFieldsValue({ householdId: undefined })}>
          <Form.Item name="gridCode" label="新户所在网格" rules={[{ required: true, message: '请选择迁入户所在的网格' }]}>
            <Select aria-label="新户所在网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} placeholder="选择网格" options={grids.options} />
          </Form.Item>
          <Form.Item
            name="householdId"
            label="迁入户"
            rules={[{ required: true, message: '请选择迁入的户' }]}
            extra={
              households.total !== undefined && households.total > HOUSEHOLD_CHOICES
                ? `本网格共 ${households.total} 户，列出前 ${HOUSEHOLD_CHOICES} 户，可按户号或户主姓名搜索`
                : '不含本人现在的户，可按户号或户主姓名搜索'
            }
          >
            <Select
              aria-label="迁入户"
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!gridCode}
              loading={households.loading}
              placeholder={gridCode ? '选择户' : '请先选择网格'}
              options={households.options}
            />
          </Form.Item>
          <Form.Item name="relationToHead" label="与新户主关系" rules={[{ required: true, message: '请选择与新户主的关系' }]}>
            <Select
              aria-label="与新户主关系"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="如：配偶、子、女"
              options={codeOptions('familyRelation').filter((option) => option.value !== HEAD_OF_HOUSEHOLD)}
            />
          </Form.Item>
          <Form.Item
            name="joinedOn"
            label="入户日期"
            rules={[{ required: true, message: '请选择入户日期' }, pastDayRule('入户日期', person.residenceSince ? { date: person.residenceSince, what: '上次迁入日期' } : undefined)]}
          >
            <DatePicker aria-label="入户日期" format="YYYY-MM-DD" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
        </Form>
        {open && <WriteProblemAlert problem={write.problem} />}
      </Modal>
    </div>
  );
}
