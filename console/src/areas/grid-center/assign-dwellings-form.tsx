import { Form, Modal, Select, Tag, Typography } from 'antd';
import { graphql } from '../../gql';
import { useWrite } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { useGridChoices } from './dwelling-choices';

const AssignDwellingsToGridMutation = graphql(`
  mutation GridAssignDwellingsToGrid($input: AssignDwellingsToGridInput!) {
    assignDwellingsToGrid(input: $input) {
      gridCode
      placed
      moved
      unchanged
      grid {
        code
        name
      }
    }
  }
`);

/** The API takes 1 to 500 dwellings in one change (a page of a grid's dwellings). */
const MAX_DWELLINGS = 500;
/** A dwelling's id as housing issues it (checkedDwellingId): 1 to 16 letters or digits. */
const DWELLING_ID = /^[A-Za-z0-9]{1,16}$/;
/** How many of the chosen dwellings the dialog names; the rest are counted. */
const NAMED = 8;

/** A dwelling of the grid page's list, as the form names it. */
export interface ListedDwelling {
  id: string;
  address?: string | null;
}

/** A boundary change as done: the grid, and how many dwellings were placed, moved, or there already. */
export interface DwellingsAssigned {
  gridCode: string;
  gridName?: string | null;
  placed: number;
  moved: number;
  unchanged: number;
}

interface AssignForm {
  gridCode: string;
  newDwellingIds: string[];
}

/**
 * 网格划分调整: the grid center's supervisor moves the dwellings chosen in this grid's list into another grid of its
 * community, and places dwellings housing registered that are in no grid yet, named by their id (D9…). The copies
 * of the grid at housing, population and public security follow in the same write. A department that cannot apply it
 * now fails the whole change: the refusal stays in the form, and 确认调整 again sends it as the same write (its client
 * request id kept). Two supervisors placing one new dwelling at once: the second gets CONFLICT (`onConflict` reloads).
 */
export function AssignDwellingsForm({
  gridCode,
  selected,
  onClose,
  onAssigned,
  onConflict,
}: {
  gridCode: string;
  selected: ListedDwelling[];
  onClose: () => void;
  onAssigned: (done: DwellingsAssigned) => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<AssignForm>();
  const write = useWrite(AssignDwellingsToGridMutation, { onConflict });
  const grids = useGridChoices();
  const target = Form.useWatch('gridCode', form);
  const typed = Form.useWatch('newDwellingIds', form) ?? [];
  const selectedIds = new Set(selected.map((d) => d.id));
  // The chosen ones are this grid's: moving them here changes nothing (the API refuses a change of only those).
  const onlyHere = target === gridCode && typed.length === 0 && selected.length > 0;
  // A boundary change stays within the community (the first 12 digits of a grid's code): housing refuses another.
  const community = gridCode.slice(0, 12);
  const options = grids.options.filter((g) => g.value.startsWith(community)).map((g) => (g.value === gridCode ? { ...g, label: `${g.label}（本网格）` } : g));

  async function confirm() {
    let values: AssignForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const dwellingIds = [...selected.map((d) => d.id), ...(values.newDwellingIds ?? []).map((id) => id.trim().toUpperCase())];
    const answer = await write.send((clientRequestId) => ({ input: { dwellingIds, gridCode: values.gridCode, clientRequestId } }));
    if (!answer) return;
    const done = answer.assignDwellingsToGrid;
    onAssigned({ gridCode: done.gridCode, gridName: done.grid?.name, placed: done.placed, moved: done.moved, unchanged: done.unchanged });
  }

  return (
    <Modal open width={640} title="网格划分调整" okText="确认调整" okButtonProps={{ disabled: onlyHere }} cancelText="取消" confirmLoading={write.busy} onOk={() => void confirm()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">
        将房屋划入本社区的网格，自即日起生效；房屋、户籍、流动人口登记中的所属网格同时更新。新登记、尚未划入网格的房屋，请输入其房屋编号。跨社区调整属于行政区划调整，不在此办理。
      </Typography.Paragraph>
      <div data-testid="assign-dwellings-chosen" style={{ marginBottom: 16 }}>
        <Typography.Text strong>本网格中选中的房屋：</Typography.Text>
        {selected.length === 0 ? (
          <Typography.Text type="secondary">未选择（可在房屋清单中勾选）</Typography.Text>
        ) : (
          <>
            {selected.length > NAMED && <Typography.Text>共 {selected.length} 套，</Typography.Text>}
            <div style={{ marginTop: 4 }}>
              {selected.slice(0, NAMED).map((d) => (
                <Tag key={d.id} style={{ marginBottom: 4 }}>
                  {d.address ?? d.id}
                </Tag>
              ))}
              {selected.length > NAMED && <Typography.Text type="secondary">等</Typography.Text>}
            </div>
          </>
        )}
      </div>
      <Form<AssignForm> form={form} layout="vertical" requiredMark={false} initialValues={{ gridCode: selected.length === 0 ? gridCode : undefined, newDwellingIds: [] }}>
        <Form.Item
          name="newDwellingIds"
          label="新登记的房屋（房屋编号）"
          extra="房屋部门实有房屋登记后给出的编号，如 D90000001；可输入多个，以空格或逗号分隔"
          rules={[
            {
              validator: (_, ids: string[] | undefined) => {
                const list = (ids ?? []).map((id) => id.trim().toUpperCase());
                const wrong = list.find((id) => !DWELLING_ID.test(id));
                if (wrong) return Promise.reject(new Error(`“${wrong}”不是房屋编号：应为 1–16 位字母或数字`));
                const twice = list.find((id, i) => list.indexOf(id) !== i || selectedIds.has(id));
                if (twice) return Promise.reject(new Error(`房屋 ${twice} 重复了`));
                if (list.length + selected.length === 0) return Promise.reject(new Error('请在房屋清单中勾选房屋，或输入新登记房屋的编号'));
                if (list.length + selected.length > MAX_DWELLINGS) return Promise.reject(new Error(`一次最多调整 ${MAX_DWELLINGS} 套房屋`));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Select aria-label="新登记的房屋" mode="tags" open={false} tokenSeparators={[',', '，', ' ']} placeholder="输入房屋编号后按回车" suffixIcon={null} />
        </Form.Item>
        <Form.Item name="gridCode" label="划入网格" rules={[{ required: true, message: '请选择划入的网格' }]} extra={onlyHere ? '所选房屋已在本网格，请选择其他网格' : undefined}>
          <Select aria-label="划入网格" showSearch={{ optionFilterProp: 'label' }} loading={grids.loading} placeholder="选择本社区的网格" options={options} />
        </Form.Item>
      </Form>
      <WriteProblemAlert problem={write.problem} />
    </Modal>
  );
}
