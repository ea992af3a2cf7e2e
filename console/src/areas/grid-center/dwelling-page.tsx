import { Card, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { graphql } from '../../gql';
import { useHubQuery } from '../../api/use-query';
import { formatDate } from '../../format/dates';
import { codeLabel, departmentLabel } from '../../format/labels';
import { AnswerNotices } from '../../policy/answer-notices';
import { FieldErrors } from '../../policy/field-errors';
import { Guarded } from '../../policy/guarded';
import { useMayWrite } from '../../session/may-write';
import { OwnershipTransferForm } from '../housing/ownership-transfer-form';
import { RecordRefusal } from './household-page';
import { GridLink, PersonLink } from './links';

/** One dwelling (房屋) as housing registers it, its grid from the grid center, owners and tenancies as the policy allows. */
export const DwellingRecordQuery = graphql(`
  query DwellingRecord($id: ID!) {
    dwelling(id: $id) {
      id
      version
      address
      addressCode
      use
      area
      regionCode
      grid {
        code
        name
      }
      owners {
        share
        registeredOn
        owner {
          id
          name
          idNumber
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
          populationType
        }
        landlord {
          id
          name
          idNumber
        }
      }
    }
  }
`);

/** 房屋: address, use and area, the grid it belongs to, owners (产权人) and tenancies (租赁). */
export function DwellingPage() {
  const { id = '' } = useParams();
  const { loading, result, refused, reload } = useHubQuery(DwellingRecordQuery, { id });
  const mayTransfer = useMayWrite('HOUSING_ADMINISTRATION');
  const errors = new FieldErrors(result?.errors);
  const dwelling = result?.data?.dwelling;
  const at = (...path: (string | number)[]) => ['dwelling', ...path];
  return (
    <div>
      <Typography.Title level={4}>
        房屋{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {id}
        </Typography.Text>
      </Typography.Title>
      <AnswerNotices refused={refused} errors={result?.errors} />
      {loading && !result && <Skeleton active />}
      {result && !dwelling && <RecordRefusal errors={errors} path={['dwelling']} requestId={result.requestId} what="房屋" />}
      {dwelling && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" title={`房屋信息 · ${departmentLabel('HOUSING')}`}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label="房屋地址" span={2}>
                <span data-testid="dwelling-address">
                  <Guarded value={dwelling.address} errors={errors} path={at('address')} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="标准地址编码">
                <Guarded value={dwelling.addressCode} errors={errors} path={at('addressCode')} />
              </Descriptions.Item>
              <Descriptions.Item label="建筑用途">
                <Guarded value={dwelling.use} errors={errors} path={at('use')} render={(v: string) => codeLabel('buildingUse', v)} />
              </Descriptions.Item>
              <Descriptions.Item label="建筑面积">
                <Guarded value={dwelling.area} errors={errors} path={at('area')} render={(v: number) => `${v.toFixed(2)} m²`} />
              </Descriptions.Item>
              <Descriptions.Item label="所属社区代码">
                <Guarded value={dwelling.regionCode} errors={errors} path={at('regionCode')} />
              </Descriptions.Item>
              <Descriptions.Item label={`所在网格（${departmentLabel('GRID')}）`}>
                <Guarded
                  value={dwelling.grid}
                  errors={errors}
                  path={at('grid')}
                  render={(g: NonNullable<typeof dwelling.grid>) => <GridLink code={g.code}>{`${g.name ?? ''}（${g.code}）`}</GridLink>}
                />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="产权人" data-testid="dwelling-owners" extra={mayTransfer && <OwnershipTransferForm dwelling={dwelling} onChanged={reload} />}>
            {dwelling.owners ? (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={dwelling.owners}
                columns={[
                  {
                    title: '姓名',
                    key: 'name',
                    render: (_, o, i) => (
                      <PersonLink idNumber={o.owner?.idNumber}>
                        <Guarded value={o.owner?.name} errors={errors} path={at('owners', i, 'owner', 'name')} />
                      </PersonLink>
                    ),
                  },
                  { title: '身份证号码', key: 'idNumber', render: (_, o, i) => <Guarded value={o.owner?.idNumber} errors={errors} path={at('owners', i, 'owner', 'idNumber')} /> },
                  { title: '份额', key: 'share', render: (_, o) => (o.share === null || o.share === undefined ? '—' : `${(o.share * 100).toFixed(0)}%`) },
                  { title: '登记日期', key: 'registeredOn', render: (_, o) => formatDate(o.registeredOn) },
                ]}
              />
            ) : (
              <Guarded value={null} errors={errors} path={at('owners')} />
            )}
          </Card>
          <Card size="small" title="租赁情况">
            {dwelling.tenancies ? (
              dwelling.tenancies.length ? (
                <div data-testid="dwelling-tenancies">
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={dwelling.tenancies}
                    columns={[
                      { title: '租赁记录', dataIndex: 'id' },
                      {
                        title: '承租人',
                        key: 'tenant',
                        render: (_, t, i) => (
                          <PersonLink idNumber={t.tenant?.idNumber}>
                            <Guarded value={t.tenant?.name} errors={errors} path={at('tenancies', i, 'tenant', 'name')} />
                          </PersonLink>
                        ),
                      },
                      { title: '承租人身份证号码', key: 'tenantId', render: (_, t, i) => <Guarded value={t.tenant?.idNumber} errors={errors} path={at('tenancies', i, 'tenant', 'idNumber')} /> },
                      {
                        title: '人口类型',
                        key: 'type',
                        render: (_, t, i) => (
                          <Guarded value={t.tenant?.populationType} errors={errors} path={at('tenancies', i, 'tenant', 'populationType')} render={(v: string) => codeLabel('populationType', v)} />
                        ),
                      },
                      { title: '出租用途', key: 'use', render: (_, t) => codeLabel('rentalUse', t.rentalUse) },
                      { title: '起止', key: 'period', render: (_, t) => `${formatDate(t.startOn)} 至 ${t.endOn ? formatDate(t.endOn) : '不定期'}` },
                      { title: '状态', key: 'current', render: (_, t) => (t.current ? <Tag color="green">在租</Tag> : <Tag>已结束</Tag>) },
                      {
                        title: '出租人',
                        key: 'landlord',
                        render: (_, t, i) => (
                          <PersonLink idNumber={t.landlord?.idNumber}>
                            <Guarded value={t.landlord?.name} errors={errors} path={at('tenancies', i, 'landlord', 'name')} />
                          </PersonLink>
                        ),
                      },
                    ]}
                  />
                </div>
              ) : (
                <Typography.Text type="secondary">无租赁记录</Typography.Text>
              )
            ) : (
              <Guarded value={null} errors={errors} path={at('tenancies')} />
            )}
          </Card>
        </Space>
      )}
    </div>
  );
}
