import { Button, Card, Descriptions, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { graphql } from '../../gql';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel, departmentLabel } from '../../format/labels';
import { idNumberRule } from '../../format/validate';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';

/** One person's record as joined across the departments; each field as the purpose's policy allows. */
export const PersonRecordQuery = graphql(`
  query PersonRecord($idNumber: String!) {
    person(idNumber: $idNumber) {
      id
      name
      idNumber
      gender
      birthDate
      phone
      populationType
      residenceSince
      household { id householdNumber members { relationToHead livesWithHousehold person { id name } } }
      residence { id address grid { code name } tenancies { id } }
      ownedDwellingCount
      receivesAssistance
      hasDisability
      floatingRegistration { inflowReason residenceType registeredOn permitNumber permitExpiresOn }
      needsAttention
      nonExemptVehicleCount
    }
  }
`);

const yesNo = (v: boolean) => (v ? '是' : '否');

export function PersonPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const initial = (location.state as { idNumber?: string } | null)?.idNumber;
  const [idNumber, setIdNumber] = useState<string | undefined>(initial);
  const { loading, result, refused } = useHubQuery(PersonRecordQuery, { idNumber: idNumber ?? '' }, { skip: !idNumber });
  const errors = new FieldErrors(result?.errors);
  const person = result?.data?.person;
  const at = (...path: (string | number)[]) => ['person', ...path];
  return (
    <div>
      <Typography.Title level={4}>人员查询</Typography.Title>
      <Form
        layout="inline"
        className="page-toolbar"
        initialValues={{ idNumber: initial }}
        onFinish={(values: { idNumber: string }) => {
          const value = values.idNumber.trim().toUpperCase();
          setIdNumber(value);
          // The ID number travels in the page's state, never in its address (history, logs).
          navigate(location.pathname, { replace: true, state: { idNumber: value } });
        }}
      >
        <Form.Item name="idNumber" label="身份证号码" rules={[idNumberRule]} validateTrigger={['onChange', 'onBlur']}>
          <Input aria-label="身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 240 }} allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          查询
        </Button>
      </Form>
      <AnswerNotices refused={refused} errors={result?.errors} showOutOfJurisdiction />
      {result && !person && !errors.at(['person']) && <Typography.Paragraph>未找到该身份证号码的人员。</Typography.Paragraph>}
      {person && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" title={`基本信息 · ${departmentLabel('POPULATION')}`}>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
              <Descriptions.Item label="姓名"><Guarded value={person.name} errors={errors} path={at('name')} /></Descriptions.Item>
              <Descriptions.Item label="身份证号码"><Guarded value={person.idNumber} errors={errors} path={at('idNumber')} /></Descriptions.Item>
              <Descriptions.Item label="性别"><Guarded value={person.gender} errors={errors} path={at('gender')} render={(v: string) => codeLabel('gender', v)} /></Descriptions.Item>
              <Descriptions.Item label="出生日期"><Guarded value={person.birthDate} errors={errors} path={at('birthDate')} render={formatDate} masked={person.birthDate?.length === 4} /></Descriptions.Item>
              <Descriptions.Item label="联系电话"><Guarded value={person.phone} errors={errors} path={at('phone')} /></Descriptions.Item>
              <Descriptions.Item label="人口类型"><Guarded value={person.populationType} errors={errors} path={at('populationType')} render={(v: string) => codeLabel('populationType', v)} /></Descriptions.Item>
              <Descriptions.Item label="户号"><Guarded value={person.household?.householdNumber} errors={errors} path={at('household')} /></Descriptions.Item>
              <Descriptions.Item label="居住地址"><Guarded value={person.residence?.address} errors={errors} path={at('residence')} /></Descriptions.Item>
              <Descriptions.Item label="所在网格"><Guarded value={person.residence?.grid ? `${person.residence.grid.name ?? ''}（${person.residence.grid.code}）` : null} errors={errors} path={at('residence', 'grid')} /></Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="各部门核实的事实">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
              <Descriptions.Item label="名下房产套数（房屋）"><Guarded value={person.ownedDwellingCount} errors={errors} path={at('ownedDwellingCount')} /></Descriptions.Item>
              <Descriptions.Item label="享受救助（民政）"><Guarded value={person.receivesAssistance} errors={errors} path={at('receivesAssistance')} render={yesNo} /></Descriptions.Item>
              <Descriptions.Item label="持残疾证（民政）"><Guarded value={person.hasDisability} errors={errors} path={at('hasDisability')} render={yesNo} /></Descriptions.Item>
              <Descriptions.Item label="需重点关注（公安）"><Guarded value={person.needsAttention} errors={errors} path={at('needsAttention')} render={yesNo} /></Descriptions.Item>
              <Descriptions.Item label="非豁免机动车（公安）"><Guarded value={person.nonExemptVehicleCount} errors={errors} path={at('nonExemptVehicleCount')} /></Descriptions.Item>
              <Descriptions.Item label="流动人口登记（公安）">
                <Guarded
                  value={person.floatingRegistration}
                  errors={errors}
                  path={at('floatingRegistration')}
                  render={(r: NonNullable<typeof person.floatingRegistration>) => `${codeLabel('inflowReason', r.inflowReason)} · ${codeLabel('residenceType', r.residenceType)} · 居住证至 ${formatDate(r.permitExpiresOn)}`}
                />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="家庭成员（人口）">
            {person.household ? (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                dataSource={person.household.members ?? []}
                columns={[
                  { title: '姓名', render: (_, m, i) => <Guarded value={m.person?.name} errors={errors} path={at('household', 'members', i, 'person', 'name')} /> },
                  { title: '与户主关系', render: (_, m) => codeLabel('familyRelation', m.relationToHead) },
                  { title: '共同生活', render: (_, m) => (m.livesWithHousehold === null || m.livesWithHousehold === undefined ? '—' : yesNo(m.livesWithHousehold)) },
                ]}
              />
            ) : (
              <Guarded value={null} errors={errors} path={at('household')} />
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}
