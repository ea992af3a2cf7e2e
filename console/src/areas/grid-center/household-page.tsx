import { Alert, Card, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { graphql } from '../../gql';
import { explainError } from '../../api/errors';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel, departmentLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { useMayWrite } from '../../session/may-write';
import { DwellingLink, GridLink, PersonLink } from './links';
import { RegisterBirthForm } from './register-birth-form';

/** One household (户) as population registers it, each member as the purpose's policy allows. */
export const HouseholdRecordQuery = graphql(`
  query HouseholdRecord($id: ID!) {
    household(id: $id) {
      id
      householdNumber
      hukouRegionCode
      members {
        relationToHead
        livesWithHousehold
        person {
          id
          name
          idNumber
          gender
          birthDate
          deathDate
          populationType
          residence {
            id
            address
            grid {
              code
              name
            }
          }
        }
      }
    }
  }
`);

/** A record page that answered with nothing: why, in Chinese, with the request id. */
export function RecordRefusal({ errors, path, requestId, what }: { errors: FieldErrors; path: (string | number)[]; requestId: string | null | undefined; what: string }) {
  const error = errors.at(path);
  if (!error) return <Alert type="info" showIcon title={`未找到该${what}。`} />;
  return <Alert type={error.extensions?.code === 'FORBIDDEN' ? 'warning' : 'error'} showIcon title={explainError(error)} description={requestId ? `请求编号 ${requestId}` : undefined} role="alert" />;
}

/** 户: the household's number and registration place, and its members (reached from grid pages and discrepancies). */
export function HouseholdPage() {
  const { id = '' } = useParams();
  const { loading, result, refused, reload } = useHubQuery(HouseholdRecordQuery, { id });
  const mayRegister = useMayWrite('POPULATION_ADMINISTRATION');
  const errors = new FieldErrors(result?.errors);
  const household = result?.data?.household;
  const at = (...path: (string | number)[]) => ['household', ...path];
  const members = household?.members ?? [];
  const head = members.findIndex((m) => m.relationToHead === '02');
  return (
    <div>
      <Typography.Title level={4}>
        户{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {id}
        </Typography.Text>
      </Typography.Title>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {loading && !result && <Skeleton active />}
      {result && !household && <RecordRefusal errors={errors} path={['household']} requestId={result.requestId} what="户" />}
      {household && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" title={`户籍信息 · ${departmentLabel('POPULATION')}`} extra={mayRegister && <RegisterBirthForm householdId={household.id} onChanged={reload} />}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }}>
              <Descriptions.Item label="户号">
                <span data-testid="household-number">
                  <Guarded value={household.householdNumber} errors={errors} path={at('householdNumber')} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="户籍地代码">
                <Guarded value={household.hukouRegionCode} errors={errors} path={at('hukouRegionCode')} />
              </Descriptions.Item>
              <Descriptions.Item label="户主">
                {head >= 0 ? (
                  <Guarded value={members[head].person?.name} errors={errors} path={at('members', head, 'person', 'name')} />
                ) : (
                  <Guarded value={household.members ? '—' : null} errors={errors} path={at('members')} />
                )}
              </Descriptions.Item>
              <Descriptions.Item label="户内人数">
                <Guarded value={household.members} errors={errors} path={at('members')} render={(m: typeof members) => `${m.length} 人（在世 ${m.filter((x) => !x.person?.deathDate).length} 人）`} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="家庭成员">
            {household.members ? (
              <div data-testid="household-members">
                <Table
                  size="small"
                  rowKey={(m, i) => m.person?.id ?? String(i)}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={members}
                  columns={[
                    {
                      title: '姓名',
                      key: 'name',
                      render: (_, m, i) => (
                        <Space size={4}>
                          <PersonLink idNumber={m.person?.idNumber}>
                            <Guarded value={m.person?.name} errors={errors} path={at('members', i, 'person', 'name')} />
                          </PersonLink>
                          {m.person?.deathDate && <Tag color="default">已死亡</Tag>}
                        </Space>
                      ),
                    },
                    { title: '与户主关系', key: 'relation', render: (_, m) => codeLabel('familyRelation', m.relationToHead) },
                    { title: '身份证号码', key: 'idNumber', render: (_, m, i) => <Guarded value={m.person?.idNumber} errors={errors} path={at('members', i, 'person', 'idNumber')} /> },
                    {
                      title: '性别',
                      key: 'gender',
                      render: (_, m, i) => <Guarded value={m.person?.gender} errors={errors} path={at('members', i, 'person', 'gender')} render={(v: string) => codeLabel('gender', v)} />,
                    },
                    {
                      title: '出生日期',
                      key: 'birthDate',
                      render: (_, m, i) => (
                        <Guarded value={m.person?.birthDate} errors={errors} path={at('members', i, 'person', 'birthDate')} render={formatDate} masked={m.person?.birthDate?.length === 4} />
                      ),
                    },
                    {
                      title: '死亡日期',
                      key: 'deathDate',
                      render: (_, m, i) => <Guarded value={m.person?.deathDate} errors={errors} path={at('members', i, 'person', 'deathDate')} render={formatDate} />,
                    },
                    {
                      title: '人口类型',
                      key: 'populationType',
                      render: (_, m, i) => (
                        <Guarded value={m.person?.populationType} errors={errors} path={at('members', i, 'person', 'populationType')} render={(v: string) => codeLabel('populationType', v)} />
                      ),
                    },
                    { title: '共同生活', key: 'together', render: (_, m) => (m.livesWithHousehold === null || m.livesWithHousehold === undefined ? '—' : m.livesWithHousehold ? '是' : '否') },
                    {
                      title: '居住地址',
                      key: 'residence',
                      render: (_, m, i) => (
                        <Guarded
                          value={m.person?.residence}
                          errors={errors}
                          path={at('members', i, 'person', 'residence')}
                          render={(d: NonNullable<NonNullable<typeof m.person>['residence']>) => <DwellingLink id={d.id}>{d.address ?? d.id}</DwellingLink>}
                        />
                      ),
                    },
                    {
                      title: '所在网格',
                      key: 'grid',
                      render: (_, m, i) => (
                        <Guarded
                          value={m.person?.residence?.grid}
                          errors={errors}
                          path={at('members', i, 'person', 'residence', 'grid')}
                          render={(g: { code: string; name?: string | null }) => <GridLink code={g.code}>{g.name ?? g.code}</GridLink>}
                        />
                      ),
                    },
                  ]}
                />
              </div>
            ) : (
              <Guarded value={null} errors={errors} path={at('members')} />
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}
