import { AlertOutlined, ApartmentOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Row, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { graphql } from '../../gql';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel, departmentLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { useMayWrite } from '../../session/may-write';
import { CONFLICT_TEXT } from '../use-write';
import { WriteProblemAlert } from '../write-problem';
import { AssignDwellingsForm, type DwellingsAssigned, type ListedDwelling } from './assign-dwellings-form';
import { AssignGridWorkerForm, type ListedWorker } from './assign-grid-worker-form';
import { SummaryCount } from './counts';
import { KeysetPager, useCursorStack } from './keyset';
import { DwellingLink, GRID_WORKER_ROLES, GridLink, HouseholdLink, PersonLink, useCanOpen } from './links';

const PAGE_SIZE = 20;

export const GridSummaryQuery = graphql(`
  query GridSummary($code: String!) {
    grid(code: $code) {
      code
      name
      regionCode
      region {
        code
        name
      }
      workers {
        id
        name
        phone
        role
        version
      }
      dwellingCount
      residentCount
      floatingCount
      receivingAssistanceCount
      needsAttentionCount
      elderlyLivingAloneCount
    }
  }
`);

/**
 * A grid's residents from population's own root (the same search and policy as `Grid.residents`): the gateway starts
 * at population instead of asking the grid subgraph for the code it was given, one sequential fetch fewer (ADR 0014).
 */
export const GridResidentsQuery = graphql(`
  query GridResidents($code: String!, $first: Int, $after: String) {
    people(filter: { regionCode: $code }, first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        idNumber
        gender
        birthDate
        deathDate
        phone
        populationType
        household {
          id
          householdNumber
        }
        residence {
          id
          address
        }
        receivesAssistance
        needsAttention
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const GridHouseholdsQuery = graphql(`
  query GridHouseholds($code: String!, $first: Int, $after: String) {
    grid(code: $code) {
      code
      households(first: $first, after: $after) {
        totalCount
        nodes {
          id
          householdNumber
          hukouRegionCode
          members {
            relationToHead
            livesWithHousehold
            person {
              id
              name
              deathDate
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const GridDwellingsQuery = graphql(`
  query GridDwellings($code: String!, $first: Int, $after: String) {
    grid(code: $code) {
      code
      dwellingsConnection(first: $first, after: $after) {
        totalCount
        nodes {
          id
          address
          addressCode
          use
          area
          tenancies {
            id
            current
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** The five summary counts, each from the department that owns the fact. */
const SUMMARY = [
  { field: 'residentCount', label: '实有人口', dept: 'POPULATION' },
  { field: 'floatingCount', label: '流动人口', dept: 'POPULATION' },
  { field: 'receivingAssistanceCount', label: '享受救助', dept: 'CIVIL_AFFAIRS' },
  { field: 'needsAttentionCount', label: '需重点关注', dept: 'PUBLIC_SECURITY' },
  { field: 'elderlyLivingAloneCount', label: '80岁以上独居老人', dept: 'POPULATION' },
] as const;

/** "人口（户籍）" → "人口": the owner of a count, in a card's small print. */
const shortDepartment = (dept: string) => departmentLabel(dept).replace(/（.*）$/, '');

const VALUE_STYLE = { fontSize: 22, fontWeight: 600, lineHeight: '32px' } as const;

const yesNo = (v: boolean) => (v ? <Tag color="orange">是</Tag> : '否');

function ResidentsTable({ code }: { code: string }) {
  const pager = useCursorStack();
  const { loading, result, refused } = useHubQuery(GridResidentsQuery, { code, first: PAGE_SIZE, after: pager.after });
  const errors = new FieldErrors(result?.errors);
  const connection = result?.data?.people;
  const at = (i: number, ...path: (string | number)[]) => ['people', 'nodes', i, ...path];
  return (
    <>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {!connection && result && <Guarded value={null} errors={errors} path={['people']} />}
      <div data-testid="residents-table">
        <Table
          size="small"
          rowKey="id"
          loading={loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={connection?.nodes ?? []}
          columns={[
            {
              title: '姓名',
              key: 'name',
              render: (_, p, i) => (
                <>
                  <span data-resident-name="">
                    <PersonLink idNumber={p.idNumber}>
                      <Guarded value={p.name} errors={errors} path={at(i, 'name')} />
                    </PersonLink>
                  </span>
                  {p.deathDate && <Tag style={{ marginInlineStart: 4 }}>已死亡</Tag>}
                </>
              ),
            },
            { title: '身份证号码', key: 'idNumber', render: (_, p, i) => <Guarded value={p.idNumber} errors={errors} path={at(i, 'idNumber')} /> },
            { title: '性别', key: 'gender', render: (_, p, i) => <Guarded value={p.gender} errors={errors} path={at(i, 'gender')} render={(v: string) => codeLabel('gender', v)} /> },
            {
              title: '出生日期',
              key: 'birthDate',
              render: (_, p, i) => <Guarded value={p.birthDate} errors={errors} path={at(i, 'birthDate')} render={formatDate} masked={p.birthDate?.length === 4} />,
            },
            {
              title: '人口类型',
              key: 'populationType',
              render: (_, p, i) => <Guarded value={p.populationType} errors={errors} path={at(i, 'populationType')} render={(v: string) => codeLabel('populationType', v)} />,
            },
            { title: '联系电话', key: 'phone', render: (_, p, i) => <Guarded value={p.phone} errors={errors} path={at(i, 'phone')} /> },
            {
              title: '户号',
              key: 'household',
              render: (_, p, i) => (
                <Guarded
                  value={p.household}
                  errors={errors}
                  path={at(i, 'household')}
                  render={(h: NonNullable<typeof p.household>) => <HouseholdLink id={h.id}>{h.householdNumber ?? h.id}</HouseholdLink>}
                />
              ),
            },
            {
              title: '居住地址',
              key: 'residence',
              render: (_, p, i) => (
                <Guarded value={p.residence} errors={errors} path={at(i, 'residence')} render={(d: NonNullable<typeof p.residence>) => <DwellingLink id={d.id}>{d.address ?? d.id}</DwellingLink>} />
              ),
            },
            { title: '享受救助（民政）', key: 'receivesAssistance', render: (_, p, i) => <Guarded value={p.receivesAssistance} errors={errors} path={at(i, 'receivesAssistance')} render={yesNo} /> },
            { title: '需重点关注（公安）', key: 'needsAttention', render: (_, p, i) => <Guarded value={p.needsAttention} errors={errors} path={at(i, 'needsAttention')} render={yesNo} /> },
          ]}
        />
      </div>
      <KeysetPager label="居民" pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
    </>
  );
}

function HouseholdsTable({ code }: { code: string }) {
  const pager = useCursorStack();
  const { loading, result, refused } = useHubQuery(GridHouseholdsQuery, { code, first: PAGE_SIZE, after: pager.after });
  const errors = new FieldErrors(result?.errors);
  const connection = result?.data?.grid?.households;
  const at = (i: number, ...path: (string | number)[]) => ['grid', 'households', 'nodes', i, ...path];
  return (
    <>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {result && !connection ? (
        <Typography.Paragraph>
          户籍信息：
          <Guarded value={null} errors={errors} path={['grid', 'households']} />
        </Typography.Paragraph>
      ) : (
        <>
          <div data-testid="households-table">
            <Table
              size="small"
              rowKey="id"
              loading={loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={connection?.nodes ?? []}
              columns={[
                {
                  title: '户号',
                  key: 'householdNumber',
                  render: (_, h, i) => (
                    <HouseholdLink id={h.id}>
                      <Guarded value={h.householdNumber} errors={errors} path={at(i, 'householdNumber')} />
                    </HouseholdLink>
                  ),
                },
                {
                  title: '户主',
                  key: 'head',
                  render: (_, h, i) => {
                    const index = (h.members ?? []).findIndex((m) => m.relationToHead === '02');
                    if (!h.members) return <Guarded value={null} errors={errors} path={at(i, 'members')} />;
                    return index < 0 ? '—' : <Guarded value={h.members[index].person?.name} errors={errors} path={at(i, 'members', index, 'person', 'name')} />;
                  },
                },
                {
                  title: '户内人数',
                  key: 'members',
                  render: (_, h, i) => (
                    <Guarded value={h.members} errors={errors} path={at(i, 'members')} render={(m: NonNullable<typeof h.members>) => `${m.filter((x) => !x.person?.deathDate).length} 人`} />
                  ),
                },
                {
                  title: '共同生活',
                  key: 'together',
                  render: (_, h, i) => (
                    <Guarded
                      value={h.members}
                      errors={errors}
                      path={at(i, 'members')}
                      render={(m: NonNullable<typeof h.members>) => `${m.filter((x) => x.livesWithHousehold && !x.person?.deathDate).length} 人`}
                    />
                  ),
                },
                {
                  title: '成员',
                  key: 'names',
                  render: (_, h, i) => (
                    <Guarded
                      value={h.members}
                      errors={errors}
                      path={at(i, 'members')}
                      render={(m: NonNullable<typeof h.members>) =>
                        m.map((x, j) => (
                          <span key={j} style={{ marginInlineEnd: 8 }}>
                            <Guarded value={x.person?.name} errors={errors} path={at(i, 'members', j, 'person', 'name')} />
                            <Typography.Text type="secondary">
                              （{codeLabel('familyRelation', x.relationToHead)}
                              {x.person?.deathDate ? '，已死亡' : ''}）
                            </Typography.Text>
                          </span>
                        ))
                      }
                    />
                  ),
                },
                { title: '户籍地代码', key: 'hukou', render: (_, h, i) => <Guarded value={h.hukouRegionCode} errors={errors} path={at(i, 'hukouRegionCode')} /> },
              ]}
            />
          </div>
          <KeysetPager label="户" pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
        </>
      )}
    </>
  );
}

/** What a boundary change did, in words: how many dwellings went into which grid, placed, moved or there already. */
function AssignedNotice({ done, onClose }: { done: DwellingsAssigned; onClose: () => void }) {
  const total = done.placed + done.moved + done.unchanged;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="dwellings-assigned"
      closable={{ onClose }}
      style={{ marginBottom: 8 }}
      title={
        <span>
          网格划分调整完成：{total} 套房屋划入 <GridLink code={done.gridCode}>{done.gridName ? `${done.gridName}（${done.gridCode}）` : done.gridCode}</GridLink>
        </span>
      }
      description={`新划入网格 ${done.placed} 套，自其他网格调入 ${done.moved} 套，原已在该网格 ${done.unchanged} 套。房屋、户籍和流动人口登记中的所属网格已同时更新。`}
    />
  );
}

function DwellingsTable({ code, onChanged }: { code: string; onChanged: () => void }) {
  const pager = useCursorStack();
  const { loading, result, refused, reload } = useHubQuery(GridDwellingsQuery, { code, first: PAGE_SIZE, after: pager.after });
  // 网格划分调整 is the grid center's supervisors' (grid.boundary.write).
  const mayMove = useMayWrite('GRID_SERVICE', ['SUPERVISOR']);
  const [chosen, setChosen] = useState<ListedDwelling[]>([]);
  const [moving, setMoving] = useState(false);
  const [assigned, setAssigned] = useState<DwellingsAssigned>();
  const [conflict, setConflict] = useState(false);
  const errors = new FieldErrors(result?.errors);
  const connection = result?.data?.grid?.dwellingsConnection;
  const at = (i: number, ...path: (string | number)[]) => ['grid', 'dwellingsConnection', 'nodes', i, ...path];
  const changed = () => {
    setMoving(false);
    setChosen([]);
    reload();
    onChanged();
  };
  return (
    <>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {assigned && <AssignedNotice done={assigned} onClose={() => setAssigned(undefined)} />}
      <WriteProblemAlert problem={conflict ? { text: CONFLICT_TEXT, conflict: true } : undefined} onClose={() => setConflict(false)} />
      {moving && (
        <AssignDwellingsForm
          gridCode={code}
          selected={chosen}
          onClose={() => setMoving(false)}
          onAssigned={(done) => {
            setAssigned(done);
            changed();
          }}
          onConflict={() => {
            setConflict(true);
            changed();
          }}
        />
      )}
      {mayMove && connection && (
        <Space style={{ margin: '8px 0' }} data-testid="assign-dwellings">
          <Button
            icon={<SwapOutlined />}
            onClick={() => {
              setAssigned(undefined);
              setConflict(false);
              setMoving(true);
            }}
          >
            网格划分调整
          </Button>
          <Typography.Text type="secondary">{chosen.length ? `已选 ${chosen.length} 套房屋` : '勾选要调出的房屋；新登记的房屋可在调整时输入编号划入'}</Typography.Text>
        </Space>
      )}
      {result && !connection ? (
        <Typography.Paragraph>
          房屋信息：
          <Guarded value={null} errors={errors} path={['grid', 'dwellingsConnection']} />
        </Typography.Paragraph>
      ) : (
        <>
          <div data-testid="dwellings-table">
            <Table
              size="small"
              rowKey="id"
              loading={loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={connection?.nodes ?? []}
              rowSelection={
                mayMove
                  ? {
                      selectedRowKeys: chosen.map((d) => d.id),
                      preserveSelectedRowKeys: true,
                      getCheckboxProps: (d) => ({ 'aria-label': `选择 ${d.address ?? d.id}` }),
                      // The rows of other pages stay chosen as they were listed when chosen.
                      onChange: (keys, rows) =>
                        setChosen(
                          keys.flatMap((key) => {
                            const row = rows.find((d) => d?.id === key);
                            const kept = chosen.find((d) => d.id === key);
                            return row ? [{ id: row.id, address: row.address }] : kept ? [kept] : [];
                          }),
                        ),
                    }
                  : undefined
              }
              columns={[
                {
                  title: '房屋地址',
                  key: 'address',
                  render: (_, d, i) => (
                    <DwellingLink id={d.id}>
                      <Guarded value={d.address} errors={errors} path={at(i, 'address')} />
                    </DwellingLink>
                  ),
                },
                { title: '标准地址编码', key: 'addressCode', render: (_, d, i) => <Guarded value={d.addressCode} errors={errors} path={at(i, 'addressCode')} /> },
                { title: '建筑用途', key: 'use', render: (_, d, i) => <Guarded value={d.use} errors={errors} path={at(i, 'use')} render={(v: string) => codeLabel('buildingUse', v)} /> },
                { title: '建筑面积', key: 'area', align: 'right', render: (_, d, i) => <Guarded value={d.area} errors={errors} path={at(i, 'area')} render={(v: number) => `${v.toFixed(2)} m²`} /> },
                {
                  title: '在租',
                  key: 'tenancies',
                  render: (_, d, i) => (
                    <Guarded
                      value={d.tenancies}
                      errors={errors}
                      path={at(i, 'tenancies')}
                      render={(t: NonNullable<typeof d.tenancies>) => {
                        const n = t.filter((x) => x.current).length;
                        return n ? `${n} 份租约` : '否';
                      }}
                    />
                  ),
                },
              ]}
            />
          </div>
          <KeysetPager label="房屋" pager={pager} pageSize={PAGE_SIZE} connection={connection} loading={loading} />
        </>
      )}
    </>
  );
}

/** 网格页: who serves the grid, its summary counts (each department's own), and its residents, households and dwellings page by page. */
export function GridPage() {
  const { code = '' } = useParams();
  const canOpen = useCanOpen();
  const valid = /^\d{15}$/.test(code);
  const { loading, result, refused, reload } = useHubQuery(GridSummaryQuery, { code }, { skip: !valid });
  // 网格员调整 is the grid center's supervisors' (grid.worker.write).
  const mayAssign = useMayWrite('GRID_SERVICE', ['SUPERVISOR']);
  const [assigning, setAssigning] = useState<ListedWorker>();
  const [conflict, setConflict] = useState(false);
  const errors = new FieldErrors(result?.errors);
  const grid = result?.data?.grid;
  const gridError = errors.at(['grid']);
  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          canOpen('/grid/tree')
            ? {
                title: (
                  <Link to="/grid/tree">
                    <ApartmentOutlined /> 网格树
                  </Link>
                ),
              }
            : { title: '网格' },
          ...(grid?.region ? [{ title: `${grid.region.name ?? ''}（${grid.region.code}）` }] : []),
          { title: grid?.name ?? code },
        ]}
      />
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {grid?.name ?? '网格'}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            {code}
          </Typography.Text>
        </Typography.Title>
        {canOpen('/grid/discrepancies') && valid && (
          <Link to={`/grid/discrepancies?region=${code}`}>
            <Button icon={<AlertOutlined />}>本网格数据不一致</Button>
          </Link>
        )}
      </Space>
      {!valid && <Typography.Paragraph type="danger">网格代码应为 15 位数字（12 位社区代码加 3 位网格序号），当前为“{code}”。</Typography.Paragraph>}
      <div style={{ marginTop: 12 }}>
        <AnswerNotices refused={refused} errors={result?.errors} showOutOfJurisdiction />
      </div>
      <WriteProblemAlert problem={conflict ? { text: CONFLICT_TEXT, conflict: true } : undefined} onClose={() => setConflict(false)} />
      {assigning && (
        <AssignGridWorkerForm
          worker={assigning}
          gridCode={code}
          onClose={() => setAssigning(undefined)}
          onAssigned={() => {
            setAssigning(undefined);
            reload();
          }}
          onConflict={() => {
            setAssigning(undefined);
            setConflict(true);
            reload();
          }}
        />
      )}
      {loading && !grid && <Skeleton active />}
      {result && !grid && !gridError && <Typography.Paragraph>未找到该网格。</Typography.Paragraph>}
      {grid && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Row gutter={[12, 12]} data-testid="grid-summary">
            {SUMMARY.map((s) => (
              <Col key={s.field} xs={12} md={8} xl={4}>
                <Card size="small" className="summary-count" data-count={s.field}>
                  <div style={{ fontSize: 13, color: '#595959' }}>
                    {s.label}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      · {shortDepartment(s.dept)}
                    </Typography.Text>
                  </div>
                  <div style={VALUE_STYLE} data-testid={`count-${s.field}`}>
                    <Guarded value={grid[s.field]} errors={errors} path={['grid', s.field]} render={(v: string) => <SummaryCount value={v} unit=" 人" />} />
                  </div>
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={4}>
              <Card size="small" className="summary-count">
                <div style={{ fontSize: 13, color: '#595959' }}>
                  房屋{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    · {shortDepartment('GRID')}
                  </Typography.Text>
                </div>
                <div style={VALUE_STYLE}>
                  <Guarded value={grid.dwellingCount} errors={errors} path={['grid', 'dwellingCount']} render={(v: number) => `${v} 套`} />
                </div>
              </Card>
            </Col>
          </Row>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="所属社区">
              <Guarded value={grid.region ? `${grid.region.name ?? ''}（${grid.region.code}）` : grid.regionCode} errors={errors} path={['grid', 'region']} />
            </Descriptions.Item>
            <Descriptions.Item label="网格员">
              <Guarded
                value={grid.workers}
                errors={errors}
                path={['grid', 'workers']}
                render={(workers: NonNullable<typeof grid.workers>) =>
                  workers.length ? (
                    <span data-testid="grid-workers">
                      {workers.map((w, i) => (
                        <span key={w.id} data-worker-id={w.id} style={{ marginInlineEnd: 12, whiteSpace: 'nowrap' }}>
                          <Guarded value={w.name} errors={errors} path={['grid', 'workers', i, 'name']} />（{GRID_WORKER_ROLES[w.role ?? ''] ?? w.role}）
                          <Guarded value={w.phone} errors={errors} path={['grid', 'workers', i, 'phone']} />
                          {mayAssign && (
                            <Button
                              type="link"
                              size="small"
                              aria-label={`调整 ${w.name ?? w.id}`}
                              onClick={() => {
                                setConflict(false);
                                setAssigning(w);
                              }}
                            >
                              调整
                            </Button>
                          )}
                        </span>
                      ))}
                    </span>
                  ) : (
                    '—'
                  )
                }
              />
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              items={[
                { key: 'residents', label: '居民', children: <ResidentsTable code={code} /> },
                { key: 'households', label: '户', children: <HouseholdsTable code={code} /> },
                { key: 'dwellings', label: '房屋', children: <DwellingsTable code={code} onChanged={reload} /> },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
