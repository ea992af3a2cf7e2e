import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { HubGraphQLError } from '../../api/errors';
import { useHubQuery } from '../../api/use-query';
import { daysUntil, formatDate } from '../../format/dates';
import { codeLabel } from '../../format/labels';
import type { FloatingPopulationFilter, FloatingPopulationOrder, FloatingRowFragment } from '../../gql/graphql';
import { AnswerNotices } from '../../policy/answer-notices';
import { Guarded } from '../../policy/guarded';
import { departmentErrors } from '../../policy/department-errors';
import { useMayWrite } from '../../session/may-write';
import { CONFLICT_TEXT } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { CancelRegistrationForm } from './cancel-registration-form';
import { useKeysetPages } from './keyset-pages';
import { RenewPermitForm } from './renew-permit-form';
import { FloatingPopulationCountedPageQuery, FloatingPopulationPageQuery } from './queries';

/** Permits that lapse within this many days are shown in red. */
export const LAPSE_WARNING_DAYS = 30;

/** "剩 12 天", "今日到期", "已过期 3 天"; red within LAPSE_WARNING_DAYS (and once lapsed). */
export function DaysLeft({ date }: { date: string }) {
  const days = daysUntil(date);
  const text = days > 0 ? `剩 ${days} 天` : days === 0 ? '今日到期' : `已过期 ${-days} 天`;
  return (
    <Tag color={days < LAPSE_WARNING_DAYS ? 'red' : 'default'} data-days-left={days} style={{ marginInlineStart: 6 }}>
      {text}
    </Tag>
  );
}

const isClear = (idNumber: string | null | undefined): idNumber is string => !!idNumber && !idNumber.includes('*');

function columns(all: readonly HubGraphQLError[], offset: number, open: (row: FloatingRowFragment) => void, actions?: (row: FloatingRowFragment) => ReactNode): ColumnsType<FloatingRowFragment> {
  const population = departmentErrors(all, 'POPULATION');
  const housing = departmentErrors(all, 'HOUSING');
  const grid = departmentErrors(all, 'GRID');
  const police = departmentErrors(all, 'PUBLIC_SECURITY');
  const at = (i: number, ...path: string[]) => ['floatingPopulation', 'nodes', i, ...path];
  return [
    { title: '序号', key: 'n', width: 56, render: (_, __, i) => offset + i + 1 },
    {
      title: '姓名',
      key: 'name',
      render: (_, row, i) => (
        <Guarded
          value={row.person?.name}
          errors={population}
          path={at(i, 'person', 'name')}
          render={(name: string) =>
            isClear(row.person?.idNumber) ? (
              <Button
                type="link"
                size="small"
                autoInsertSpace={false}
                style={{ padding: 0 }}
                aria-label={`查看 ${name} 的人员详情`}
                onClick={(e) => {
                  e.stopPropagation();
                  open(row);
                }}
              >
                {name}
              </Button>
            ) : (
              name
            )
          }
        />
      ),
    },
    { title: '身份证号码', key: 'idNumber', render: (_, row, i) => <Guarded value={row.person?.idNumber} errors={population} path={at(i, 'person', 'idNumber')} /> },
    {
      title: '流入原因',
      key: 'inflowReason',
      render: (_, row, i) => <Guarded value={row.inflowReason} errors={police} path={at(i, 'inflowReason')} render={(v: string) => codeLabel('inflowReason', v)} />,
    },
    {
      title: '住所类型',
      key: 'residenceType',
      render: (_, row, i) => <Guarded value={row.residenceType} errors={police} path={at(i, 'residenceType')} render={(v: string) => codeLabel('residenceType', v)} />,
    },
    { title: '登记日期', key: 'registeredOn', render: (_, row, i) => <Guarded value={row.registeredOn} errors={police} path={at(i, 'registeredOn')} render={formatDate} /> },
    { title: '居住证号', key: 'permitNumber', render: (_, row, i) => <Guarded value={row.permitNumber} errors={police} path={at(i, 'permitNumber')} /> },
    {
      title: '居住证有效期',
      key: 'permitExpiresOn',
      render: (_, row, i) => (
        <Guarded
          value={row.permitExpiresOn}
          errors={police}
          path={at(i, 'permitExpiresOn')}
          render={(v: string) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {formatDate(v)}
              <DaysLeft date={v} />
            </span>
          )}
        />
      ),
    },
    { title: '居住地址', key: 'address', render: (_, row, i) => <Guarded value={row.dwelling?.address} errors={housing} path={at(i, 'dwelling', 'address')} /> },
    {
      title: '房东',
      key: 'landlord',
      render: (_, row, i) =>
        row.landlord === null && !population.at(at(i, 'landlord')) ? (
          <span className="no-data">—</span>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Guarded value={row.landlord?.name} errors={population} path={at(i, 'landlord', 'name')} />
            {row.landlord && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                <Guarded value={row.landlord.idNumber} errors={population} path={at(i, 'landlord', 'idNumber')} />
              </Typography.Text>
            )}
          </span>
        ),
    },
    { title: '网格', key: 'grid', render: (_, row, i) => <Guarded value={row.dwelling?.grid?.name} errors={grid} path={at(i, 'dwelling', 'grid')} /> },
    { title: '最近签注', key: 'lastEndorsedOn', render: (_, row, i) => <Guarded value={row.lastEndorsedOn} errors={police} path={at(i, 'lastEndorsedOn')} render={formatDate} /> },
    ...(actions ? [{ title: '办理', key: 'actions', fixed: 'right' as const, render: (_: unknown, row: FloatingRowFragment) => actions(row) }] : []),
  ];
}

/** 签注/换领 (a 居住证 only) and 注销 of an ACTIVE registration; a cancelled one says so. */
function RegistrationActions({ row, onAct }: { row: FloatingRowFragment; onAct: (kind: 'renew' | 'cancel') => void }) {
  if (row.status !== 'ACTIVE') return <Tag data-testid="registration-cancelled">已注销</Tag>;
  // A click here is the officer's action on the row, not the row's own click (which opens the person).
  const act = (kind: 'renew' | 'cancel') => (event: { stopPropagation(): void }) => {
    event.stopPropagation();
    onAct(kind);
  };
  return (
    <Space size={4}>
      {row.permitType === '01' && (
        <Button size="small" type="primary" onClick={act('renew')}>
          签注/换领
        </Button>
      )}
      <Button size="small" danger onClick={act('cancel')}>
        注销
      </Button>
    </Space>
  );
}

export interface FloatingSearch {
  filter: FloatingPopulationFilter;
  orderBy: FloatingPopulationOrder;
  pageSize: number;
}

/**
 * The results of one floating-population search, a page at a time (keyset: 上一页 / 下一页), with the exact count
 * only when asked for. A name opens the person's joined record; the ID number travels in router state.
 */
export function FloatingResults({ search, withTotal, caption }: { search: FloatingSearch; withTotal: boolean; caption?: string }) {
  const navigate = useNavigate();
  const pages = useKeysetPages(JSON.stringify(search));
  const mayWrite = useMayWrite('FLOATING_POPULATION_MANAGEMENT');
  // A registration written here shows as the write answered it, on the page it was found on (a cancelled one would
  // leave the list if it were searched again), until a newer answer of the search has a later version of it.
  const [written, setWritten] = useState<ReadonlyMap<string, FloatingRowFragment>>(new Map());
  const [acting, setActing] = useState<{ kind: 'renew' | 'cancel'; row: FloatingRowFragment }>();
  const [conflict, setConflict] = useState(false);
  const variables = { filter: search.filter, first: search.pageSize, after: pages.after, orderBy: search.orderBy };
  const plain = useHubQuery(FloatingPopulationPageQuery, variables, { skip: withTotal });
  const counted = useHubQuery(FloatingPopulationCountedPageQuery, variables, { skip: !withTotal });
  const query = withTotal ? counted : plain;
  const connection = query.result?.data?.floatingPopulation;
  const totalCount = withTotal ? counted.result?.data?.floatingPopulation.totalCount : undefined;
  const errors = query.result?.errors ?? [];
  const rows = (connection?.nodes ?? []).map((row) => {
    const after = written.get(row.id);
    return after && (after.version ?? 0) > (row.version ?? 0) ? after : row;
  });
  const done = (row: FloatingRowFragment) => {
    setWritten((map) => new Map(map).set(row.id, row));
    setActing(undefined);
  };
  const stale = () => {
    setActing(undefined);
    setConflict(true);
    query.reload();
  };
  const offset = (pages.page - 1) * search.pageSize;
  const open = (row: FloatingRowFragment) => {
    const idNumber = row.person?.idNumber;
    // Never in the address: the ID number goes in the page's state (history, logs never see it).
    navigate('/people', { state: isClear(idNumber) ? { idNumber, fromList: true } : { maskedIdNumber: idNumber ?? null, name: row.person?.name ?? null, fromList: true } });
  };
  const pager = (
    <Space wrap className="floating-pager" data-testid="floating-pager">
      <Button icon={<LeftOutlined />} disabled={pages.page <= 1 || query.loading} onClick={pages.previous}>
        上一页
      </Button>
      <span data-testid="page-number">第 {pages.page} 页</span>
      <Button
        disabled={!connection?.pageInfo.hasNextPage || !connection.pageInfo.endCursor || query.loading}
        onClick={() => connection?.pageInfo.endCursor && pages.next(connection.pageInfo.endCursor)}
      >
        下一页 <RightOutlined />
      </Button>
      {pages.page > 1 && (
        <Button type="link" onClick={pages.first} disabled={query.loading}>
          回到第 1 页
        </Button>
      )}
      <Typography.Text type="secondary" data-testid="total-count">
        {withTotal ? (totalCount === undefined ? '正在统计…' : `共 ${totalCount} 人`) : `本页 ${rows.length} 人（未统计总数）`}
      </Typography.Text>
    </Space>
  );
  return (
    <div>
      <AnswerNotices refused={query.refused} errors={errors} />
      <WriteProblemAlert problem={conflict ? { text: CONFLICT_TEXT, conflict: true } : undefined} onClose={() => setConflict(false)} />
      {caption && <Typography.Paragraph type="secondary">{caption}</Typography.Paragraph>}
      <div data-testid="floating-table">
        <Table
          size="small"
          bordered
          rowKey="id"
          loading={query.loading}
          dataSource={rows}
          columns={columns(
            errors,
            offset,
            open,
            mayWrite
              ? (row) => (
                  <RegistrationActions
                    row={row}
                    onAct={(kind) => {
                      setConflict(false);
                      setActing({ kind, row });
                    }}
                  />
                )
              : undefined,
          )}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: query.refused ? '查询未完成' : '没有符合条件的流动人口登记' }}
          onRow={(row) => ({ onClick: () => isClear(row.person?.idNumber) && open(row), style: { cursor: isClear(row.person?.idNumber) ? 'pointer' : undefined } })}
          title={() => pager}
        />
      </div>
      {acting?.kind === 'renew' && <RenewPermitForm registration={acting.row} onClose={() => setActing(undefined)} onRenewed={done} onConflict={stale} />}
      {acting?.kind === 'cancel' && <CancelRegistrationForm registration={acting.row} onClose={() => setActing(undefined)} onCancelled={done} onConflict={stale} />}
      {rows.some((r) => r.person?.idNumber && !isClear(r.person.idNumber)) && (
        <Tooltip title="人员详情须以完整的身份证号码查询">
          <Typography.Paragraph type="secondary">当前用途下身份证号码脱敏显示，无法从列表打开人员详情。</Typography.Paragraph>
        </Tooltip>
      )}
    </div>
  );
}
