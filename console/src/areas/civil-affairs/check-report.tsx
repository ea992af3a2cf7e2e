import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import type { CivilSubsistenceCheckQuery } from '../../gql/graphql';
import { formatDate, formatDateTime, todayInChina } from '../../format/dates';
import { codeLabel, departmentLabel } from '../../format/labels';
import { factLabel, factValue, reasonLabel, yuan } from './labels';
import './civil-affairs.css';

export type SubsistenceCheckResult = NonNullable<CivilSubsistenceCheckQuery['subsistenceCheck']>;

/** "2026-08..2026-10" (a period) or an instant, as the report prints an as-of time. */
function asOfText(value: string): string {
  const period = /^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$/.exec(value);
  if (period) return `${period[1]}年${period[2]}月至${period[3]}年${period[4]}月`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${formatDate(value)}起施行`;
  return formatDateTime(value);
}

/**
 * 家庭经济状况核对报告: the verdict and every reason in plain Chinese, the figures, each fact with the department
 * that supplied it and as of when, the rule version, who checked and when. Printing the page prints this card alone
 * (A4), with its own title, the application id and the date.
 */
/** The 授权书 the application was opened on, as the report cites it. */
export interface AuthorizationCited {
  documentNumber: string;
  signedOn: string;
  fileSha256: string;
}

export function CheckReport({
  check,
  applicant,
  checkerName,
  authorization,
}: {
  check: SubsistenceCheckResult;
  applicant: { name?: string | null; idNumber?: string | null };
  checkerName?: string;
  authorization?: AuthorizationCited | null;
}) {
  const incomplete = check.reasons.some((r) => r.startsWith('FACTS_UNAVAILABLE_') || r === 'CASE_NOT_OPEN');
  const applicationId = check.application?.id ?? check.id.split('-')[0];
  const members = check.household?.members ?? [];
  return (
    <Card
      size="small"
      className="subsistence-report"
      data-testid="check-report"
      title="家庭经济状况核对报告"
      extra={
        <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印/保存为PDF
        </Button>
      }
    >
      <div className="print-only">
        <p className="report-title">最低生活保障家庭经济状况核对报告</p>
        <p className="report-subtitle">
          申请编号 {applicationId} · 报告编号 {check.id} · 打印日期 {formatDate(todayInChina())}
        </p>
      </div>
      <div className="verdict" data-testid="verdict">
        <span>核对结论：</span>
        <Tag className="verdict-tag" color={check.eligible ? 'success' : incomplete ? 'warning' : 'error'}>
          {check.eligible ? '符合' : '不符合'}
        </Tag>
        <Typography.Text type="secondary">{check.eligible ? '家庭经济状况符合最低生活保障条件' : incomplete ? '核对未能完成，不能认定符合条件' : '家庭经济状况不符合最低生活保障条件'}</Typography.Text>
      </div>
      {check.reasons.length > 0 && (
        <>
          <Typography.Text strong>不符合（或未能认定）的原因：</Typography.Text>
          <ul className="reasons" data-testid="reasons">
            {check.reasons.map((code) => (
              <li key={code}>
                {reasonLabel(code)}
                <span className="reason-code">{code}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="申请人">{applicant.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="身份证号码">{applicant.idNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="申请编号">{applicationId}</Descriptions.Item>
        <Descriptions.Item label="核对授权书">
          <span data-testid="report-authorization">
            {authorization ? `${authorization.documentNumber}，${formatDate(authorization.signedOn)} 签署，扫描件 SHA-256 ${authorization.fileSha256.slice(0, 16)}…` : '—（受理时未留存授权书编号）'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="户号">{check.household?.householdNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="共同生活家庭成员">{check.memberCount} 人</Descriptions.Item>
        <Descriptions.Item label="家庭人均月收入">{yuan(check.perCapitaMonthlyIncome)}</Descriptions.Item>
        <Descriptions.Item label="适用的当地低保标准">{yuan(check.standardMonthly)} / 人·月</Descriptions.Item>
        <Descriptions.Item label="收入计算月份">{check.incomeMonths.length ? check.incomeMonths.map((m) => `${m.slice(0, 4)}年${m.slice(5, 7)}月`).join('、') : '无申报收入'}</Descriptions.Item>
        <Descriptions.Item label="名下房产">{check.ownedDwellingCount} 套</Descriptions.Item>
        <Descriptions.Item label="非豁免机动车">{check.nonExemptVehicleCount} 辆</Descriptions.Item>
        <Descriptions.Item label="规则版本">{check.ruleVersion || '—'}</Descriptions.Item>
        <Descriptions.Item label="核对人">{checkerName ? `${checkerName}（${check.checkedBy}）` : check.checkedBy}</Descriptions.Item>
        <Descriptions.Item label="核对时间">{formatDateTime(check.checkedAt)}</Descriptions.Item>
        <Descriptions.Item label="报告编号">{check.id}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} className="report-section">
        核对所用事实及来源
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, index) => String(index)}
        dataSource={check.provenance}
        scroll={{ x: 'max-content' }}
        data-testid="provenance"
        columns={[
          { title: '事实', render: (_, p) => factLabel(p.fact) },
          { title: '内容', render: (_, p) => factValue(p.value) },
          { title: '提供部门', render: (_, p) => departmentLabel(p.department) },
          { title: '截至时间 / 所属期间', render: (_, p) => asOfText(p.asOf) },
          { title: '来源', dataIndex: 'source' },
        ]}
      />
      {members.length > 0 && (
        <>
          <Typography.Title level={5} className="report-section">
            户籍登记成员（人口部门）
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(m, index) => m.person?.id ?? String(index)}
            dataSource={members}
            columns={[
              { title: '姓名', render: (_, m) => m.person?.name ?? '—' },
              { title: '与户主关系', render: (_, m) => codeLabel('familyRelation', m.relationToHead) },
              { title: '共同生活', render: (_, m) => (m.livesWithHousehold === false ? '否' : m.livesWithHousehold ? '是' : '—') },
              { title: '死亡日期', render: (_, m) => (m.person?.deathDate ? formatDate(m.person.deathDate) : '—') },
            ]}
          />
        </>
      )}
      <div className="print-only">
        <div className="report-signatures">
          <span>核对经办人（签字）：__________</span>
          <span>审核人（签字）：__________</span>
          <span>日期：____年__月__日</span>
        </div>
        <p className="report-footer">本报告由网格化数据共享平台按申请人签字授权（授权书）核对生成，各项事实由所列部门提供，核对记录已存档（报告编号 {check.id}）。</p>
      </div>
    </Card>
  );
}
