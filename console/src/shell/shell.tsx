import { LogoutOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { departmentLabel, ROLE_LABELS } from '../format/labels';
import { useSession } from '../session/session';
import { useAreaRoutes } from '../areas/routes';
import { NotFoundPage } from './not-found-page';

/** Who you are, your jurisdiction and the purpose (and case) you act under, on every screen. */
function IdentityBar() {
  const { session, purpose, clearPurpose, signOut } = useSession();
  if (!session) return null;
  const { user, jurisdictionName } = session.info;
  return (
    <Space size="middle" wrap className="identity-bar" data-testid="identity-bar">
      <span>
        <UserOutlined /> {user.name} · {departmentLabel(user.dept)} · {ROLE_LABELS[user.role] ?? user.role}
      </span>
      <Tooltip title={`辖区代码 ${user.jurisdiction}`}>
        <span data-testid="jurisdiction">辖区：{jurisdictionName ?? user.jurisdiction}</span>
      </Tooltip>
      <Tag color="blue" data-testid="purpose">
        用途：{purpose?.label ?? '未选择'}
      </Tag>
      {session.caseId && (
        <Tag color="gold" data-testid="case">
          案件：{session.caseId}
        </Tag>
      )}
      <Button size="small" icon={<SwapOutlined />} onClick={clearPurpose}>
        切换用途
      </Button>
      <Button size="small" icon={<LogoutOutlined />} onClick={() => signOut()}>
        退出
      </Button>
    </Space>
  );
}

export function Shell() {
  const routes = useAreaRoutes();
  const location = useLocation();
  const selected = routes.filter((r) => r.menu && (r.path === '/' ? location.pathname === '/' : location.pathname.startsWith(r.path))).map((r) => r.path);
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Link to="/" className="brand">
          <Typography.Text strong>网格化数据共享平台 · 工作台</Typography.Text>
        </Link>
        <IdentityBar />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={196} breakpoint="lg" collapsedWidth={56} theme="light" className="shell-sider">
          <Menu mode="inline" selectedKeys={selected} items={routes.filter((r) => r.menu).map((r) => ({ key: r.path, icon: r.menu!.icon, label: <Link to={r.path}>{r.menu!.label}</Link> }))} />
        </Layout.Sider>
        <Layout.Content className="shell-content">
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
