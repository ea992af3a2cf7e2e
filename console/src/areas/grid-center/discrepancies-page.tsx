import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { graphql } from '../../gql';
import { explainError, type HubGraphQLError } from '../../api/errors';
import { useHubQuery } from '../../api/use-query';
import { formatDate, todayInChina } from '../../format/dates';
import { departmentLabel } from '../../format/labels';
import { pastDateProblem, regionCodeProblem } from '../../format/validate';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { useSession } from '../../session/session';
import { chineseDescription, DISCREPANCY_KIND_COLORS, DiscrepancyDetail, kindLabel, RECORD_TYPE_LABELS, tooLargeRegionText } from './discrepancy-labels';
import { buildPlaceTree, LEVEL_LABELS, placeName, RegionTreeWithGridsQuery, type PlaceNode } from './jurisdiction';
import { KeysetPager, useCursorStack } from './keyset';
import { DwellingLink, GridLink, HouseholdLink, PersonLink } from './links';

const PAGE_SIZE = 20;

/** "人口（户籍）" → "人口". */
const shortDepartment = (dept: string) => departmentLabel(dept).replace(/（.*）$/, '');

/** "双新街道和泉社区第1网格" → "和泉社区第1网格" (the street is in the region chosen above). */
const shortGridName = (name: string | undefined, code: string) => (name ? name.replace(/^.+?(街道|镇|地区|园区|东区|西区)(?=.+社区|.+村)/, '') : code);

export const DiscrepanciesQuery = graphql(`
  query GridDiscrepancies($regionCode: String!, $first: Int, $after: String, $asOf: String) {
    discrepancies(regionCode: $regionCode, first: $first, after: $after, asOf: $asOf) {
      id
      regionCode
      asOf
      totalCount
      nodes {
        kind
        departments
        description
        detail
        gridCode
        records {
          department
          recordType
          recordId
        }
        person {
          id
          name
          idNumber
        }
        household {
          id
          householdNumber
        }
        dwelling {
          id
          address
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

const toOptions = (nodes: readonly PlaceNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.code, title: `${n.name}（${LEVEL_LABELS[n.level]} ${n.code}）`, children: n.children.length ? toOptions(n.children) : undefined }));

/** The region the list opens with: the user's own street, community or grid; a district officer's first street (a whole district may be too large to compare). */
function defaultRegion(jurisdiction: string, tree: readonly PlaceNode[]): string | undefined {
  if (jurisdiction.length >= 9) return jurisdiction;
  const district = tree.find((n) => n.code === jurisdiction);
  if (!district) return tree.length ? undefined : jurisdiction;
  return district.children.find((c) => c.level === 'STREET')?.code ?? jurisdiction;
}

function Results({ regionCode, asOf, names, narrower, onChoose }: { regionCode: string; asOf: string; names: readonly PlaceNode[]; narrower?: string; onChoose: (code: string) => void }) {
  const pager = useCursorStack();
  const { loading, result, refused } = useHubQuery(DiscrepanciesQuery, { regionCode, asOf, first: PAGE_SIZE, after: pager.after });
  const errors = new FieldErrors(result?.errors);
  const report = result?.data?.discrepancies;
  const badInput = (result?.errors ?? []).filter((e) => e.extensions?.code === 'BAD_USER_INPUT');
  const otherErrors = (result?.errors ?? []).filter((e) => e.extensions?.code !== 'BAD_USER_INPUT');
  const refusal = !report ? otherErrors.find((e) => e.path?.[0] === 'discrepancies' || !e.path) : undefined;
  const at = (i: number, ...path: (string | number)[]) => ['discrepancies', 'nodes', i, ...path];
  const nodes = report?.nodes ?? [];
  return (
    <>
      <AnswerNotices refused={refused} errors={otherErrors} />
      {badInput.map((error: HubGraphQLError, i) => {
        const tooLarge = tooLargeRegionText(error.message);
        return (
          <Alert
            key={i}
            type="error"
            showIcon
            role="alert"
            data-testid="region-refused"
            style={{ marginBottom: 12 }}
            title={tooLarge ?? explainError(error)}
            action={
              tooLarge && narrower && narrower !== regionCode ? (
                <Button size="small" type="primary" onClick={() => onChoose(narrower)}>
                  改为查询{placeName(names, narrower) ?? narrower}
                </Button>
              ) : undefined
            }
            description={
              <>
                {tooLarge && <div>接口原文：{error.message}</div>}
                {result?.requestId && <div>请求编号 {result.requestId}</div>}
              </>
            }
          />
        );
      })}
      {refusal && refusal.extensions?.code !== 'BAD_USER_INPUT' && !refused && (
        <Alert type="warning" showIcon role="alert" style={{ marginBottom: 12 }} title={explainError(refusal)} description={result?.requestId ? `请求编号 ${result.requestId}` : undefined} />
      )}
      {report && (
        <>
          <Typography.Paragraph data-testid="discrepancy-summary">
            {placeName(names, report.regionCode ?? regionCode) ?? report.regionCode}（{report.regionCode}）· 比对日期 {formatDate(report.asOf)} · 共 <strong>{report.totalCount ?? 0}</strong> 条不一致
            {report.regionCode && report.regionCode !== regionCode && <Typography.Text type="warning">（已按您的辖区缩小范围）</Typography.Text>}
          </Typography.Paragraph>
          <div data-testid="discrepancies-table">
            <Table
              size="small"
              rowKey={(d) => `${d.kind}|${d.records.map((r) => r.recordId).join(',')}`}
              loading={loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={nodes}
              locale={{ emptyText: '该区域在比对日期没有发现部门间数据不一致' }}
              columns={[
                {
                  title: '网格',
                  key: 'grid',
                  width: 120,
                  render: (_, d) => (
                    <GridLink code={d.gridCode}>
                      <span title={`${placeName(names, d.gridCode) ?? ''}（${d.gridCode}）`}>{shortGridName(placeName(names, d.gridCode), d.gridCode)}</span>
                    </GridLink>
                  ),
                },
                {
                  title: '类型与说明',
                  key: 'kind',
                  width: 200,
                  render: (_, d) => (
                    <div>
                      <Tag color={DISCREPANCY_KIND_COLORS[d.kind]} data-kind={d.kind}>
                        {kindLabel(d.kind)}
                      </Tag>
                      <div style={{ fontSize: 12, color: '#595959', marginTop: 2 }}>{chineseDescription(d.description)}</div>
                    </div>
                  ),
                },
                {
                  title: '涉及部门',
                  key: 'departments',
                  width: 96,
                  render: (_, d) => (
                    <span data-departments={d.departments.join(',')}>
                      {d.departments.map((dept, j) => (
                        <span key={dept} style={{ whiteSpace: 'nowrap' }}>
                          {j > 0 && <Typography.Text type="secondary"> ⇄ </Typography.Text>}
                          {shortDepartment(dept)}
                        </span>
                      ))}
                    </span>
                  ),
                },
                { title: '详情', key: 'detail', width: 130, render: (_, d) => <DiscrepancyDetail detail={d.detail} /> },
                {
                  title: '当事人',
                  key: 'person',
                  width: 130,
                  render: (_, d, i) =>
                    d.person ? (
                      <div>
                        <PersonLink idNumber={d.person.idNumber}>
                          <Guarded value={d.person.name} errors={errors} path={at(i, 'person', 'name')} />
                        </PersonLink>
                        <div style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                          <Guarded value={d.person.idNumber} errors={errors} path={at(i, 'person', 'idNumber')} />
                        </div>
                      </div>
                    ) : (
                      <Guarded value={null} errors={errors} path={at(i, 'person')} />
                    ),
                },
                {
                  title: '户 / 房屋',
                  key: 'place',
                  width: 170,
                  render: (_, d, i) => (
                    <div>
                      {d.household && (
                        <div>
                          户{' '}
                          <HouseholdLink id={d.household.id}>
                            <Guarded value={d.household.householdNumber ?? d.household.id} errors={errors} path={at(i, 'household', 'householdNumber')} />
                          </HouseholdLink>
                        </div>
                      )}
                      {d.dwelling && (
                        <div style={{ fontSize: 12 }}>
                          <DwellingLink id={d.dwelling.id}>
                            <Guarded value={d.dwelling.address ?? d.dwelling.id} errors={errors} path={at(i, 'dwelling', 'address')} />
                          </DwellingLink>
                        </div>
                      )}
                      {!d.household && !d.dwelling && <span className="no-data">—</span>}
                    </div>
                  ),
                },
                {
                  title: '各方记录',
                  key: 'records',
                  render: (_, d) => (
                    <Space orientation="vertical" size={0}>
                      {d.records.map((r) => {
                        const label = `${shortDepartment(r.department)} · ${RECORD_TYPE_LABELS[r.recordType] ?? r.recordType}`;
                        const id =
                          r.recordType === 'Dwelling' ? (
                            <DwellingLink id={r.recordId} />
                          ) : r.recordType === 'Household' ? (
                            <HouseholdLink id={r.recordId} />
                          ) : r.recordType === 'Person' && d.person?.id === r.recordId ? (
                            <PersonLink idNumber={d.person.idNumber}>{r.recordId}</PersonLink>
                          ) : (
                            r.recordId
                          );
                        return (
                          <span key={`${r.department}|${r.recordType}|${r.recordId}`} data-record={`${r.department}:${r.recordType}:${r.recordId}`} style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {label}
                            </Typography.Text>{' '}
                            {id}
                          </span>
                        );
                      })}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
          <KeysetPager label="数据不一致" pager={pager} pageSize={PAGE_SIZE} connection={report} loading={loading} />
        </>
      )}
    </>
  );
}

/**
 * 数据不一致: the cross-department discrepancies of a street, community or grid on a date — which departments
 * disagree, about what, and the records on each side with links to them. Region and date are in the address
 * (codes and dates only, nothing personal), so a link or the back button returns to the same list.
 */
export function DiscrepanciesPage() {
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const [params, setParams] = useSearchParams();
  const places = useHubQuery(RegionTreeWithGridsQuery, {});
  const tree = useMemo(() => buildPlaceTree(places.result?.data?.regions ?? [], places.result?.data?.grids ?? []), [places.result]);
  const options = useMemo(() => toOptions(tree), [tree]);
  const treeReady = !places.loading && (places.result || places.refused);
  const region = params.get('region') ?? (treeReady ? defaultRegion(jurisdiction, tree) : undefined);
  const asOf = params.get('asOf') ?? todayInChina();
  const regionProblem = region ? regionCodeProblem(region) : undefined;
  const dateProblem = pastDateProblem(asOf, '比对日期');
  const [form] = Form.useForm<{ region: string; asOf: Dayjs }>();
  useEffect(() => {
    form.setFieldsValue({ region, asOf: dayjs(asOf) });
  }, [form, region, asOf]);

  return (
    <div>
      <Typography.Title level={4}>数据不一致</Typography.Title>
      <Typography.Paragraph type="secondary">
        各部门对同一人、同一户的记录互相矛盾之处：由持有一方事实的部门比对另一方提供的事实后判定，平台不复制任何部门的数据。整区比对数据量大，默认显示您所在的街道、社区或网格。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        className="page-toolbar"
        initialValues={{ region, asOf: dayjs(asOf) }}
        onFinish={(values) => {
          setParams({ region: values.region, asOf: values.asOf.format('YYYY-MM-DD') });
        }}
      >
        <Form.Item name="region" label="区域" rules={[{ required: true, message: '请选择街道、社区或网格' }]}>
          <TreeSelect
            aria-label="区域"
            treeData={options}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={region ? [region.slice(0, 6), region.slice(0, 9), region.slice(0, 12)] : []}
            style={{ width: 380 }}
            placeholder="选择街道、社区或网格"
            loading={places.loading}
          />
        </Form.Item>
        <Form.Item
          name="asOf"
          label="比对日期"
          rules={[
            { required: true, message: '请选择比对日期' },
            {
              validator: (_, value: Dayjs | undefined) =>
                value && pastDateProblem(value.format('YYYY-MM-DD'), '比对日期') ? Promise.reject(new Error(pastDateProblem(value.format('YYYY-MM-DD'), '比对日期'))) : Promise.resolve(),
            },
          ]}
        >
          <DatePicker aria-label="比对日期" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > todayInChina()} format="YYYY年MM月DD日" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          查询
        </Button>
      </Form>
      <AnswerNotices refused={places.refused} />
      {regionProblem && <Alert type="error" showIcon role="alert" title={regionProblem} style={{ marginBottom: 12 }} />}
      {dateProblem && <Alert type="error" showIcon role="alert" title={dateProblem} style={{ marginBottom: 12 }} />}
      {region && !regionProblem && !dateProblem && (
        <Results
          key={`${region}|${asOf}`}
          regionCode={region}
          asOf={asOf}
          names={tree}
          narrower={treeReady ? defaultRegion(jurisdiction, tree) : undefined}
          onChoose={(code) => setParams({ region: code, asOf })}
        />
      )}
    </div>
  );
}
