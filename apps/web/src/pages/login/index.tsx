import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { auth } from '../../api/auth';
import { fetchClient } from '../../api/client';
import { useServerErrors } from '../../components/serverForm';

export default function LoginPage() {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errors = useServerErrors(form);
  // Set when the account must change its (default) password before anything else: the password it signed in with.
  const [mustChange, setMustChange] = useState<string | null>(null);
  const enter = () => {
    const redirect = params.get('redirect');
    navigate(redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/', { replace: true });
  };
  const submit = async (v: { username: string; password: string }) => {
    errors.clear();
    setBusy(true);
    try {
      const { data } = await fetchClient.POST('/api/auth/login', { body: v });
      auth.set(data!.accessToken);
      if (data!.mustChangePassword) setMustChange(v.password);
      else enter();
    } catch (e) {
      errors.show(e);
    } finally {
      setBusy(false);
    }
  };
  const change = async (v: { newPassword: string }) => {
    errors.clear();
    setBusy(true);
    try {
      const { data } = await fetchClient.POST('/api/auth/password', { body: { currentPassword: mustChange!, newPassword: v.newPassword } });
      auth.set(data!.accessToken);
      enter();
    } catch (e) {
      errors.show(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          教育重点工程督办系统
        </Typography.Title>
        {errors.alert}
        {mustChange !== null ? (
          <Form form={form} layout="vertical" onFinish={change} requiredMark={false}>
            <Typography.Paragraph>首次登录请先修改初始密码：至少10个字符，不能是常见密码，也不能包含用户名。</Typography.Paragraph>
            <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" autoFocus />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认新密码"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({ validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              修改密码并进入
            </Button>
          </Form>
        ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        )}
      </Card>
    </main>
  );
}
