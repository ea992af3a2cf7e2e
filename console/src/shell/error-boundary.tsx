import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';

/** A bug in a page must not show a stack trace or a blank screen: say so, in Chinese, and offer a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    console.error('console page failed', error);
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="error"
        title="页面出错"
        subTitle="此页面遇到意外错误，数据未受影响。请返回首页重试；如反复出现，请联系运维。"
        extra={
          <Button
            type="primary"
            onClick={() => {
              this.setState({ failed: false });
              window.location.assign('/');
            }}
          >
            返回首页
          </Button>
        }
      />
    );
  }
}
