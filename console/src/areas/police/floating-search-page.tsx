import { Button, Card, DatePicker, Form, Input, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { codeOptions } from '../../format/labels';
import { idNumberProblem, pastDateProblem } from '../../format/validate';
import type { FloatingPopulationFilter, FloatingPopulationOrder } from '../../gql/graphql';
import { useMayWrite } from '../../session/may-write';
import { useSession } from '../../session/session';
import { FloatingResults, type FloatingSearch } from './floating-results';
import { areaCodeProblem, areaFilter, RegionPicker } from './region-picker';
import { RegisterFloatingForm } from './register-floating-form';

interface SearchForm {
  area?: string;
  name?: string;
  inflowReason?: string;
  residenceType?: string;
  registeredAfter?: Dayjs | null;
  registeredBefore?: Dayjs | null;
  permitExpiresBefore?: Dayjs | null;
  landlordIdNumber?: string;
  orderBy: FloatingPopulationOrder;
  pageSize: number;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The form's values as the API's filter: only what was filled in. */
function toSearch(values: SearchForm, jurisdiction: string): FloatingSearch {
  const filter: FloatingPopulationFilter = { ...areaFilter(values.area, jurisdiction) };
  const name = values.name?.trim();
  if (name) filter.name = name;
  if (values.inflowReason) filter.inflowReason = values.inflowReason;
  if (values.residenceType) filter.residenceType = values.residenceType;
  if (values.registeredAfter) filter.registeredAfter = day(values.registeredAfter);
  if (values.registeredBefore) filter.registeredBefore = day(values.registeredBefore);
  if (values.permitExpiresBefore) filter.permitExpiresBefore = day(values.permitExpiresBefore);
  const landlord = values.landlordIdNumber?.trim().toUpperCase();
  if (landlord) filter.landlordIdNumber = landlord;
  return { filter, orderBy: values.orderBy, pageSize: values.pageSize };
}

const pastDateRule = (what: string) => ({
  validator: (_: unknown, value: Dayjs | null | undefined) => {
    const problem = value ? pastDateProblem(value.format('YYYY-MM-DD'), what) : undefined;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
});

const INITIAL: SearchForm = { orderBy: 'ID', pageSize: 20 };

/** 流动人口查询: every filter of floatingPopulation, keyset pages, the count only when asked for. */
export function FloatingSearchPage() {
  const { session } = useSession();
  const jurisdiction = session?.info.user.jurisdiction ?? '';
  const [form] = Form.useForm<SearchForm>();
  const [search, setSearch] = useState<FloatingSearch>(() => toSearch(INITIAL, jurisdiction));
  const [withTotal, setWithTotal] = useState(false);
  const mayRegister = useMayWrite('FLOATING_POPULATION_MANAGEMENT');
  // A new registration is shown as a search by its name, where the officer can go on with it (签注, 注销).
  const showRegistered = (name: string) => {
    form.resetFields();
    form.setFieldsValue({ name });
    setSearch(toSearch({ ...INITIAL, name }, jurisdiction));
  };
  return (
    <div>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          流动人口查询
        </Typography.Title>
        {mayRegister && <RegisterFloatingForm onRegistered={showRegistered} />}
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<SearchForm>
          form={form}
          layout="inline"
          className="page-toolbar police-filters"
          initialValues={INITIAL}
          onFinish={(values) => setSearch(toSearch(values, jurisdiction))}
          onReset={() => setSearch(toSearch(INITIAL, jurisdiction))}
        >
          <Form.Item
            name="area"
            label="区域/网格"
            rules={[{ validator: (_, v?: string) => (areaCodeProblem(v, jurisdiction) ? Promise.reject(new Error(areaCodeProblem(v, jurisdiction))) : Promise.resolve()) }]}
          >
            <RegionPicker />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ max: 64, message: '姓名最多 64 个字' }]}>
            <Input aria-label="姓名" placeholder="姓名或姓氏（前缀匹配）" style={{ width: 170 }} allowClear />
          </Form.Item>
          <Form.Item name="inflowReason" label="流入原因">
            <Select aria-label="流入原因" placeholder="全部" allowClear options={codeOptions('inflowReason')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="residenceType" label="住所类型">
            <Select aria-label="住所类型" placeholder="全部" allowClear options={codeOptions('residenceType')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="registeredAfter" label="登记日期晚于" rules={[pastDateRule('登记日期（晚于）')]}>
            <DatePicker aria-label="登记日期晚于" placeholder="年-月-日" />
          </Form.Item>
          <Form.Item
            name="registeredBefore"
            label="登记日期早于"
            dependencies={['registeredAfter']}
            rules={[
              pastDateRule('登记日期（早于）'),
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const after = getFieldValue('registeredAfter') as Dayjs | null | undefined;
                  if (value && after && day(after)! > day(value)!) return Promise.reject(new Error('“登记日期晚于”不能晚于“登记日期早于”'));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker aria-label="登记日期早于" placeholder="年-月-日" />
          </Form.Item>
          <Form.Item name="permitExpiresBefore" label="居住证到期早于">
            <DatePicker aria-label="居住证到期早于" placeholder="年-月-日" />
          </Form.Item>
          <Form.Item
            name="landlordIdNumber"
            label="房东身份证号码"
            validateTrigger={['onChange', 'onBlur']}
            rules={[{ validator: (_, v?: string) => (v?.trim() && idNumberProblem(v) ? Promise.reject(new Error(idNumberProblem(v))) : Promise.resolve()) }]}
          >
            <Input aria-label="房东身份证号码" placeholder="18 位公民身份号码" maxLength={18} style={{ width: 200 }} allowClear />
          </Form.Item>
          <Form.Item name="orderBy" label="排序">
            <Select<FloatingPopulationOrder>
              aria-label="排序"
              style={{ width: 170 }}
              options={[
                { value: 'ID', label: '按登记编号' },
                { value: 'PERMIT_EXPIRES_ON', label: '按居住证到期日（最早在前）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="pageSize" label="每页">
            <Select<number> aria-label="每页条数" style={{ width: 90 }} options={[20, 50, 100].map((n) => ({ value: n, label: `${n} 条` }))} />
          </Form.Item>
          <Form.Item label="统计总数">
            <Switch aria-label="统计总数" checked={withTotal} onChange={setWithTotal} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button htmlType="reset">重置</Button>
        </Form>
      </Card>
      <FloatingResults search={search} withTotal={withTotal} caption="统计总数须扫描全部符合条件的登记，仅在需要时打开。点击姓名查看人员详情。" />
    </div>
  );
}
