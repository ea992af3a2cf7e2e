import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useSession } from '../../session/session';
import { useAreaRoutes } from '../routes';

/** The first page after choosing a purpose: the department's pages, one card each. */
export function HomePage() {
  const { session, purpose } = useSession();
  const routes = useAreaRoutes().filter((r) => r.menu && r.path !== '/');
  return (
    <div>
      <Typography.Title level={4}>工作台</Typography.Title>
      <Typography.Paragraph type="secondary">当前用途：{purpose?.label}。每次查询只返回访问策略允许的字段，并记入各部门的审计日志。</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {routes.map((r) => (
          <Col key={r.path} xs={24} md={12} xl={8}>
            <Link to={r.path}>
              <Card hoverable>
                <Card.Meta avatar={r.menu!.icon} title={r.menu!.label} description={session?.info.jurisdictionName ?? session?.info.user.jurisdiction} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
