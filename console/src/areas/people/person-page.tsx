import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { graphql } from '../../gql';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel, departmentLabel } from '../../format/labels';
import { regionLabel } from '../../format/regions';
import { idNumberRule } from '../../format/validate';
import { AnswerNotices } from '../../policy/answer-notices';
import type { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { DaysLeft } from '../police/floating-results';
import { departmentErrors } from '../../policy/department-errors';
import { useMayWrite } from '../../session/may-write';
import { DwellingLink, HouseholdLink } from '../grid-center/links';
import { ChangeHouseholdForm } from './change-household-form';
import { RecordDeathForm } from './record-death-form';
import { RecordMoveForm } from './record-move-form';

/**
 * One person's record as joined across the departments: population (identity, household), housing (the dwelling
 * lived in, its tenancies, owned dwellings), the grid center (the grid and its workers), public security (the
 * floating registration and its landlord, attention flags, vehicles), civil affairs (derived facts). Every field
 * is asked for and each department answers under its own policy: what the purpose may not see comes back as a
 * denial at that field and reads "无权限"; a department that does not answer reads "<部门>暂不可用".
 */
export const PersonRecordQuery = graphql(`
  query PersonRecord($idNumber: String!) {
    person(idNumber: $idNumber) {
      id
      version
      name
      idNumber
      gender
      birthDate
      deathDate
      phone
      populationType
      hukouRegionCode
      residenceSince
      household {
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
          }
        }
      }
      residence {
        id
        address
        use
        area
        grid {
          code
          name
          workers {
            id
            name
            role
            phone
          }
        }
        tenancies {
          id
          rentalUse
          startOn
          endOn
          current
          tenant {
            id
            name
            idNumber
          }
          landlord {
            id
            name
            idNumber
            phone
          }
        }
      }
      tenancies {
        id
        rentalUse
        startOn
        endOn
        current
        landlord {
          id
          name
        }
        dwelling {
          id
          address
        }
      }
      ownedDwellingCount
      ownedDwellings {
        id
        address
        use
        area
      }
      floatingRegistration {
        id
        inflowReason
        residenceType
        permitType
        registeredOn
        permitNumber
        permitExpiresOn
        lastEndorsedOn
        hukouRegionCode
        landlord {
          id
          name
          idNumber
          phone
        }
        dwelling {
          id
          address
        }
      }
      needsAttention
      keyPerson {
        id
        category
        attentionLevel
        registeredOn
      }
      vehicles {
        id
        plateNumber
        plateType
        vehicleType
        exempt
        registeredOn
      }
      nonExemptVehicleCount
      receivesAssistance
      hasDisability
    }
  }
`);

const yesNo = (v: boolean) => (v ? '是' : '否');

const GRID_ROLES: Record<string, string> = { GRID_LEADER: '网格长', GRID_WORKER: '网格员' };

/** A section of the record, titled with what it is and whose data it is. */
function Section({ title, departments, children, testId }: { title: string; departments: string[]; children: ReactNode; testId: string }) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Space size={8} wrap>
          <span>{title}</span>
          {departments.map((d) => (
            <Tag key={d} color="geekblue">
              {departmentLabel(d)}
            </Tag>
          ))}
        </Space>
      }
    >
      {children}
    </Card>
  );
}

/** A list field: its refusal when the answer nulled it, "无记录" when empty, else the table. */
function GuardedList<T>({
  value,
  errors,
  path,
  empty,
  missing = empty,
  children,
}: {
  value: T[] | null | undefined;
  errors: FieldErrors;
  path: (string | number)[];
  empty: string;
  missing?: string;
  children: (rows: T[]) => ReactNode;
}) {
  if ((value === null || value === undefined) && errors.at(path)) return <Guarded value={null} errors={errors} path={path} />;
  if (value === null || value === undefined) return <Typography.Text type="secondary">{missing}</Typography.Text>;
  if (value.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return <>{children(value)}</>;
}

interface PageState {
  idNumber?: string;
  /** Opened from a list (e.g. the floating-population search): offer the way back. */
  fromList?: boolean;
  /** Opened from a list whose ID numbers this purpose sees masked: the person cannot be looked up again. */
  maskedIdNumber?: string | null;
  name?: string | null;
}

export function PersonPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state as PageState | null) ?? {};
  const [idNumber, setIdNumber] = useState<string | undefined>(state.idNumber);
  const { loading, result, refused, reload } = useHubQuery(PersonRecordQuery, { idNumber: idNumber ?? '' }, { skip: !idNumber });
  const mayRegister = useMayWrite('POPULATION_ADMINISTRATION');
  const all = result?.errors ?? [];
  const population = departmentErrors(all, 'POPULATION');
  const housing = departmentErrors(all, 'HOUSING');
  const grid = departmentErrors(all, 'GRID');
  const police = departmentErrors(all, 'PUBLIC_SECURITY');
  const civil = departmentErrors(all, 'CIVIL_AFFAIRS');
  const person = result?.data?.person;
  const at = (...path: (string | number)[]) => ['person', ...path];
  const registration = person?.floatingRegistration;
  const cameFromList = location.key !== 'default' && state.fromList === true;
  return (
    <div>
      <Space align="center" style={{ marginBottom: 8 }}>
        {cameFromList && (
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
            返回列表
          </Button>
        )}
        <Typography.Title level={4} style={{ margin: 0 }}>
          人员查询
        </Typography.Title>
      </Space>
      <Form
        layout="inline"
        className="page-toolbar"
        initialValues={{ idNumber: state.idNumber }}
        onFinish={(values: { idNumber: string }) => {
          const value = values.idNumber.trim().toUpperCase();
          setIdNumber(value);
          // The ID number travels in the page's state, never in its address (history, logs).
          navigate(location.pathname, { replace: true, state: { idNumber: value, fromList: state.fromList } });
        }}
      >
        <Form.Item name="idNumber" label="身份证号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
          <Input aria-label="身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 240 }} allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          查询
        </Button>
      </Form>
      {state.maskedIdNumber !== undefined && !idNumber && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`当前用途下${state.name ? `「${state.name}」的` : ''}身份证号码脱敏显示（${state.maskedIdNumber ?? '无权限'}），人员详情须以完整的身份证号码查询，无法从列表直接打开。请向本人核实后输入完整号码查询。`}
        />
      )}
      <AnswerNotices refused={refused} errors={all} showOutOfJurisdiction />
      {result && !person && !population.at(['person']) && <Typography.Paragraph>未找到该身份证号码的人员。</Typography.Paragraph>}
      {person && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="person-record">
          {mayRegister && !person.deathDate && (
            <Card size="small" title="户籍登记" data-testid="registration-actions">
              <Space align="start" wrap>
                <RecordMoveForm person={person} onChanged={reload} />
                <ChangeHouseholdForm person={person} onChanged={reload} />
                <RecordDeathForm person={person} onChanged={reload} />
              </Space>
            </Card>
          )}
          <Section title="身份信息" departments={['POPULATION']} testId="section-identity">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
              <Descriptions.Item label="姓名">
                <Guarded value={person.name} errors={population} path={at('name')} />
                {person.deathDate && (
                  <Tag style={{ marginInlineStart: 6 }} data-testid="deceased">
                    已死亡
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="身份证号码">
                <Guarded value={person.idNumber} errors={population} path={at('idNumber')} />
              </Descriptions.Item>
              <Descriptions.Item label="性别">
                <Guarded value={person.gender} errors={population} path={at('gender')} render={(v: string) => codeLabel('gender', v)} />
              </Descriptions.Item>
              <Descriptions.Item label="出生日期">
                <Guarded value={person.birthDate} errors={population} path={at('birthDate')} render={formatDate} masked={person.birthDate?.length === 4} />
              </Descriptions.Item>
              <Descriptions.Item label="联系电话">
                <Guarded value={person.phone} errors={population} path={at('phone')} />
              </Descriptions.Item>
              <Descriptions.Item label="人口类型">
                <Guarded value={person.populationType} errors={population} path={at('populationType')} render={(v: string) => codeLabel('populationType', v)} />
              </Descriptions.Item>
              <Descriptions.Item label="户籍地">
                <Guarded value={person.hukouRegionCode} errors={population} path={at('hukouRegionCode')} render={regionLabel} />
              </Descriptions.Item>
              <Descriptions.Item label="现住址居住起始">
                <Guarded value={person.residenceSince} errors={population} path={at('residenceSince')} render={formatDate} />
              </Descriptions.Item>
              {person.deathDate && (
                <Descriptions.Item label="死亡日期">
                  <span data-testid="death-date">{formatDate(person.deathDate)}</span>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="户号">
                <Guarded
                  value={person.household?.householdNumber}
                  errors={population}
                  path={at('household', 'householdNumber')}
                  render={(householdNumber: string) => <HouseholdLink id={person.household!.id}>{householdNumber}</HouseholdLink>}
                />
              </Descriptions.Item>
            </Descriptions>
          </Section>

          <Section title="居住房屋与网格" departments={['HOUSING', 'GRID']} testId="section-residence">
            {person.residence ? (
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                <Descriptions.Item label="居住地址">
                  <Guarded value={person.residence.address} errors={housing} path={at('residence', 'address')} />
                </Descriptions.Item>
                <Descriptions.Item label="房屋用途">
                  <Guarded value={person.residence.use} errors={housing} path={at('residence', 'use')} render={(v: string) => codeLabel('buildingUse', v)} />
                </Descriptions.Item>
                <Descriptions.Item label="建筑面积">
                  <Guarded value={person.residence.area} errors={housing} path={at('residence', 'area')} render={(v: number) => `${v} m²`} />
                </Descriptions.Item>
                <Descriptions.Item label="所在网格">
                  <Guarded value={person.residence.grid} errors={grid} path={at('residence', 'grid')} render={(g: { code: string; name?: string | null }) => `${g.name ?? ''}（${g.code}）`} />
                </Descriptions.Item>
                <Descriptions.Item label="网格长/网格员">
                  <Guarded
                    value={person.residence.grid?.workers}
                    errors={grid}
                    path={at('residence', 'grid', 'workers')}
                    render={(ws: { id: string; name?: string | null; role?: string | null; phone?: string | null }[]) =>
                      ws.length ? ws.map((w) => `${w.name ?? '—'}（${GRID_ROLES[w.role ?? ''] ?? w.role ?? ''}${w.phone ? ` ${w.phone}` : ''}）`).join('；') : '—'
                    }
                  />
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Guarded value={null} errors={population} path={at('residence')} />
            )}
          </Section>

          <Section title="流动人口登记" departments={['PUBLIC_SECURITY']} testId="section-floating">
            {registration ? (
              <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
                <Descriptions.Item label="流入原因">
                  <Guarded value={registration.inflowReason} errors={police} path={at('floatingRegistration', 'inflowReason')} render={(v: string) => codeLabel('inflowReason', v)} />
                </Descriptions.Item>
                <Descriptions.Item label="住所类型">
                  <Guarded value={registration.residenceType} errors={police} path={at('floatingRegistration', 'residenceType')} render={(v: string) => codeLabel('residenceType', v)} />
                </Descriptions.Item>
                <Descriptions.Item label="登记日期（来此居住自）">
                  <Guarded value={registration.registeredOn} errors={police} path={at('floatingRegistration', 'registeredOn')} render={formatDate} />
                </Descriptions.Item>
                <Descriptions.Item label="办证类型">
                  <Guarded value={registration.permitType} errors={police} path={at('floatingRegistration', 'permitType')} render={(v: string) => codeLabel('permitType', v)} />
                </Descriptions.Item>
                <Descriptions.Item label="居住证号">
                  <Guarded value={registration.permitNumber} errors={police} path={at('floatingRegistration', 'permitNumber')} />
                </Descriptions.Item>
                <Descriptions.Item label="居住证有效期">
                  <Guarded
                    value={registration.permitExpiresOn}
                    errors={police}
                    path={at('floatingRegistration', 'permitExpiresOn')}
                    render={(v: string) => (
                      <>
                        {formatDate(v)}
                        <DaysLeft date={v} />
                      </>
                    )}
                  />
                </Descriptions.Item>
                <Descriptions.Item label="最近签注">
                  <Guarded value={registration.lastEndorsedOn} errors={police} path={at('floatingRegistration', 'lastEndorsedOn')} render={formatDate} />
                </Descriptions.Item>
                <Descriptions.Item label="户籍地（登记）">
                  <Guarded value={registration.hukouRegionCode} errors={police} path={at('floatingRegistration', 'hukouRegionCode')} render={regionLabel} />
                </Descriptions.Item>
                <Descriptions.Item label="登记住所">
                  <Guarded value={registration.dwelling?.address} errors={housing} path={at('floatingRegistration', 'dwelling', 'address')} />
                </Descriptions.Item>
              </Descriptions>
            ) : police.at(at('floatingRegistration')) ? (
              <Guarded value={null} errors={police} path={at('floatingRegistration')} />
            ) : (
              <Typography.Text type="secondary">无在册的流动人口登记。</Typography.Text>
            )}
          </Section>

          {(registration || police.at(at('floatingRegistration'))) && (
            <Section title="房东（流动人口登记所记）" departments={['PUBLIC_SECURITY', 'POPULATION']} testId="section-landlord">
              {registration?.landlord ? (
                <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
                  <Descriptions.Item label="房东姓名">
                    <Guarded value={registration.landlord.name} errors={population} path={at('floatingRegistration', 'landlord', 'name')} />
                  </Descriptions.Item>
                  <Descriptions.Item label="房东身份证号码">
                    <Guarded value={registration.landlord.idNumber} errors={population} path={at('floatingRegistration', 'landlord', 'idNumber')} />
                  </Descriptions.Item>
                  <Descriptions.Item label="房东联系电话">
                    <Guarded value={registration.landlord.phone} errors={population} path={at('floatingRegistration', 'landlord', 'phone')} />
                  </Descriptions.Item>
                </Descriptions>
              ) : police.at(at('floatingRegistration', 'landlord')) ? (
                <Guarded value={null} errors={police} path={at('floatingRegistration', 'landlord')} />
              ) : (
                <Typography.Text type="secondary">登记未记房东（非租赁住所）。</Typography.Text>
              )}
            </Section>
          )}

          <Section title="居住房屋的出租记录" departments={['HOUSING']} testId="section-tenancies">
            <GuardedList value={person.residence?.tenancies} errors={housing} path={at('residence', 'tenancies')} empty="该房屋没有出租记录" missing="没有登记的居住房屋">
              {(rows) => (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={rows}
                  columns={[
                    { title: '承租人', render: (_, t, i) => <Guarded value={t.tenant?.name} errors={population} path={at('residence', 'tenancies', i, 'tenant', 'name')} /> },
                    { title: '承租人身份证号码', render: (_, t, i) => <Guarded value={t.tenant?.idNumber} errors={population} path={at('residence', 'tenancies', i, 'tenant', 'idNumber')} /> },
                    { title: '房东', render: (_, t, i) => <Guarded value={t.landlord?.name} errors={population} path={at('residence', 'tenancies', i, 'landlord', 'name')} /> },
                    { title: '房东联系电话', render: (_, t, i) => <Guarded value={t.landlord?.phone} errors={population} path={at('residence', 'tenancies', i, 'landlord', 'phone')} /> },
                    { title: '出租用途', render: (_, t) => codeLabel('rentalUse', t.rentalUse) },
                    { title: '起租日期', render: (_, t) => formatDate(t.startOn) },
                    { title: '止租日期', render: (_, t) => (t.endOn ? formatDate(t.endOn) : '长期') },
                    { title: '状态', render: (_, t) => (t.current ? <Tag color="green">在租</Tag> : <Tag>已结束</Tag>) },
                  ]}
                />
              )}
            </GuardedList>
          </Section>

          <Section title="本人承租记录" departments={['HOUSING']} testId="section-own-tenancies">
            <GuardedList value={person.tenancies} errors={housing} path={at('tenancies')} empty="本人没有承租记录">
              {(rows) => (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={rows}
                  columns={[
                    { title: '房屋地址', render: (_, t, i) => <Guarded value={t.dwelling?.address} errors={housing} path={at('tenancies', i, 'dwelling', 'address')} /> },
                    { title: '房东', render: (_, t, i) => <Guarded value={t.landlord?.name} errors={population} path={at('tenancies', i, 'landlord', 'name')} /> },
                    { title: '出租用途', render: (_, t) => codeLabel('rentalUse', t.rentalUse) },
                    { title: '起租日期', render: (_, t) => formatDate(t.startOn) },
                    { title: '止租日期', render: (_, t) => (t.endOn ? formatDate(t.endOn) : '长期') },
                    { title: '状态', render: (_, t) => (t.current ? <Tag color="green">在租</Tag> : <Tag>已结束</Tag>) },
                  ]}
                />
              )}
            </GuardedList>
          </Section>

          <Section title="名下房产" departments={['HOUSING']} testId="section-owned">
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 8 }}>
              <Descriptions.Item label="名下房产套数">
                <Guarded value={person.ownedDwellingCount} errors={housing} path={at('ownedDwellingCount')} />
              </Descriptions.Item>
            </Descriptions>
            <GuardedList value={person.ownedDwellings} errors={housing} path={at('ownedDwellings')} empty="名下没有登记的房产">
              {(rows) => (
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={rows}
                  columns={[
                    {
                      title: '房屋地址',
                      render: (_, d, i) => (
                        <DwellingLink id={d.id}>
                          <Guarded value={d.address} errors={housing} path={at('ownedDwellings', i, 'address')} />
                        </DwellingLink>
                      ),
                    },
                    { title: '用途', render: (_, d) => codeLabel('buildingUse', d.use) },
                    { title: '建筑面积', render: (_, d) => (d.area === null || d.area === undefined ? '—' : `${d.area} m²`) },
                  ]}
                />
              )}
            </GuardedList>
          </Section>

          <Section title="户籍家庭成员" departments={['POPULATION']} testId="section-household">
            <GuardedList value={person.household?.members} errors={population} path={at('household', 'members')} empty="户内没有成员记录" missing="没有本地户籍家庭记录">
              {(rows) => (
                <Table
                  size="small"
                  rowKey={(m, i) => m.person?.id ?? String(i)}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={rows}
                  columns={[
                    { title: '姓名', render: (_, m, i) => <Guarded value={m.person?.name} errors={population} path={at('household', 'members', i, 'person', 'name')} /> },
                    { title: '身份证号码', render: (_, m, i) => <Guarded value={m.person?.idNumber} errors={population} path={at('household', 'members', i, 'person', 'idNumber')} /> },
                    { title: '与户主关系', render: (_, m) => codeLabel('familyRelation', m.relationToHead) },
                    { title: '共同生活', render: (_, m) => (m.livesWithHousehold === null || m.livesWithHousehold === undefined ? '—' : yesNo(m.livesWithHousehold)) },
                  ]}
                />
              )}
            </GuardedList>
          </Section>

          <Section title="重点关注与机动车" departments={['PUBLIC_SECURITY']} testId="section-attention">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
              <Descriptions.Item label="需重点关注">
                <Guarded value={person.needsAttention} errors={police} path={at('needsAttention')} render={yesNo} />
              </Descriptions.Item>
              <Descriptions.Item label="重点人员类别">
                {person.keyPerson ? (
                  `${codeLabel('keyPersonCategory', person.keyPerson.category)} · 关注程度 ${codeLabel('attentionLevel', person.keyPerson.attentionLevel)} · ${formatDate(person.keyPerson.registeredOn)} 起`
                ) : (
                  <Guarded value={null} errors={police} path={at('keyPerson')} />
                )}
              </Descriptions.Item>
              <Descriptions.Item label="非豁免机动车数">
                <Guarded value={person.nonExemptVehicleCount} errors={police} path={at('nonExemptVehicleCount')} />
              </Descriptions.Item>
              <Descriptions.Item label="机动车" span={3}>
                <Guarded
                  value={person.vehicles}
                  errors={police}
                  path={at('vehicles')}
                  render={(vs: NonNullable<typeof person.vehicles>) =>
                    vs.length === 0
                      ? '名下无机动车'
                      : vs.map((v) => `${v.plateNumber ?? '—'}（${codeLabel('plateType', v.plateType)} · ${codeLabel('vehicleType', v.vehicleType)}${v.exempt ? ' · 豁免' : ''}）`).join('；')
                  }
                />
              </Descriptions.Item>
            </Descriptions>
          </Section>

          <Section title="救助与残疾（派生事实）" departments={['CIVIL_AFFAIRS']} testId="section-civil">
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label="享受救助">
                <Guarded value={person.receivesAssistance} errors={civil} path={at('receivesAssistance')} render={yesNo} />
              </Descriptions.Item>
              <Descriptions.Item label="持残疾证">
                <Guarded value={person.hasDisability} errors={civil} path={at('hasDisability')} render={yesNo} />
              </Descriptions.Item>
            </Descriptions>
          </Section>
        </Space>
      )}
    </div>
  );
}
