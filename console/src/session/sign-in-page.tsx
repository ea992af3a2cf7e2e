import { Alert, Button, Card, Divider, Form, Input, Select, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../format/labels';
import { useSession } from './session';

interface DirectoryNode {
  code: string;
  name: string;
  level: 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';
  children: DirectoryNode[];
}

interface AuthConfig {
  development: boolean;
  identityProviderLoginUrl: string | null;
}

const LEVEL_LABELS: Record<DirectoryNode['level'], string> = { DISTRICT: '区', STREET: '街道/镇', COMMUNITY: '社区/村', GRID: '网格' };

function treeData(node: DirectoryNode): { value: string; title: string; children: ReturnType<typeof treeData>[] } {
  return { value: node.code, title: `${node.name}（${LEVEL_LABELS[node.level]} ${node.code}）`, children: node.children.map(treeData) };
}

/** The identity provider sends the user back to /#id_token=<jwt> (OpenID Connect's fragment response). */
function tokenFromFragment(): string | undefined {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('id_token') ?? params.get('access_token') ?? undefined;
  if (token) history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

export function SignInPage() {
  const { signIn, endedBecause } = useSession();
  const [config, setConfig] = useState<AuthConfig>();
  const [directory, setDirectory] = useState<DirectoryNode>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  useEffect(() => {
    const fromProvider = tokenFromFragment();
    if (fromProvider) void signIn(fromProvider).catch((error: Error) => setProblem(error.message));
    fetch('/auth/config')
      .then((r) => r.json())
      .then((c: AuthConfig) => {
        setConfig(c);
        if (c.development) {
          return fetch('/auth/dev/directory')
            .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
            .then((d: { district: DirectoryNode }) => setDirectory(d.district));
        }
      })
      .catch(() => setProblem('无法读取登录配置或区划目录：网关或网格中心暂时无法访问，请稍后刷新重试。'));
  }, [signIn]);

  const tree = useMemo(() => (directory ? [treeData(directory)] : []), [directory]);

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  async function devSignIn(values: { dept: string; jurisdiction: string; role: string; name: string }) {
    setBusy(true);
    setProblem(undefined);
    try {
      const response = await fetch('/auth/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
      const body = await response.json();
      if (!response.ok) throw new Error(`无法签发令牌：${body?.errors?.[0]?.message ?? response.status}`);
      await signIn(body.token);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  // Shows its own failure on the page, so the click or submit that starts it need not wait for it (void).
  async function tokenSignIn(values: { token: string }) {
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(values.token.trim());
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <Card className="sign-in-card" title={<span>网格化数据共享平台 · 工作台登录</span>}>
        {endedBecause && <Alert type="info" showIcon title={endedBecause} style={{ marginBottom: 16 }} />}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" />}
        {config?.development && (
          <>
            <Typography.Paragraph type="secondary">开发环境登录：选择部门、辖区和角色，网关用开发密钥签发令牌。生产环境通过本区统一身份认证登录。</Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={(values) => void devSignIn(values)} initialValues={{ role: 'OFFICER' }} requiredMark={false}>
              <Form.Item label="部门" name="dept" rules={[{ required: true, message: '请选择部门' }]}>
                <Select aria-label="部门" placeholder="选择部门" options={Object.entries(DEPARTMENT_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item label="辖区（区 → 街道/镇 → 社区/村 → 网格）" name="jurisdiction" rules={[{ required: true, message: '请选择辖区' }]}>
                <TreeSelect
                  aria-label="辖区"
                  treeData={tree}
                  placeholder={directory ? '选择辖区，可输入名称或代码搜索' : '正在读取区划目录…'}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  treeDefaultExpandedKeys={directory ? [directory.code] : []}
                  loading={!directory}
                  listHeight={360}
                />
              </Form.Item>
              <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
                <Select aria-label="角色" options={Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item
                label="姓名"
                name="name"
                rules={[
                  { required: true, whitespace: true, message: '请输入姓名' },
                  { max: 32, message: '姓名不超过 32 个字' },
                ]}
              >
                <Input aria-label="姓名" placeholder="例如：王芳" autoComplete="name" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} block>
                登录
              </Button>
            </Form>
          </>
        )}
        {config && !config.development && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {config.identityProviderLoginUrl ? (
              <Button type="primary" block href={config.identityProviderLoginUrl}>
                通过统一身份认证登录
              </Button>
            ) : (
              <Alert type="warning" showIcon title="本部署未配置统一身份认证地址（CONSOLE_IDP_LOGIN_URL），请联系管理员，或粘贴身份提供方签发的令牌。" />
            )}
          </Space>
        )}
        {config && (
          <>
            <Divider plain>或使用已签发的令牌</Divider>
            <Form layout="vertical" onFinish={(values) => void tokenSignIn(values)} requiredMark={false}>
              <Form.Item
                name="token"
                label="令牌（JWT）"
                rules={[
                  { required: true, whitespace: true, message: '请粘贴令牌' },
                  { pattern: /^\s*[\w-]+\.[\w-]+\.[\w-]+\s*$/, message: '令牌应为三段以“.”分隔的 JWT' },
                ]}
              >
                <Input.TextArea aria-label="令牌" rows={2} placeholder="eyJ…" />
              </Form.Item>
              <Button htmlType="submit" loading={busy} block>
                使用令牌登录
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
