<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Labels</name>
    <message>
        <source>Flagship</source>
        <translation>旗舰店</translation>
    </message>
    <message>
        <source>Directly operated</source>
        <translation>直营店</translation>
    </message>
    <message>
        <source>Franchise</source>
        <translation>加盟店</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>专柜</translation>
    </message>
    <message>
        <source>Pop-up</source>
        <translation>快闪店</translation>
    </message>
    <message>
        <source>Online shop</source>
        <translation>网店</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>营业</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>暂停营业</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Growth on prior period</source>
        <translation>环比增长</translation>
    </message>
    <message>
        <source>Revenue per m²</source>
        <translation>坪效（每平方米销售额）</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Shrink rate</source>
        <translation>损耗率</translation>
    </message>
    <message>
        <source>Returns rate</source>
        <translation>退货率</translation>
    </message>
    <message>
        <source>Price compliance</source>
        <translation>价格执行率</translation>
    </message>
    <message>
        <source>Sync timeliness</source>
        <translation>按时对账率</translation>
    </message>
    <message>
        <source>Inspection score</source>
        <translation>巡店评分</translation>
    </message>
    <message>
        <source>Refund spike</source>
        <translation>退款激增</translation>
    </message>
    <message>
        <source>Sales burst before closing</source>
        <translation>打烊前集中销售</translation>
    </message>
    <message>
        <source>Far above own history</source>
        <translation>远高于自身历史</translation>
    </message>
    <message>
        <source> t</source>
        <translation> 吨</translation>
    </message>
    <message>
        <source>/m²</source>
        <translation>/平方米</translation>
    </message>
    <message>
        <source>no sales in the prior period</source>
        <translation>上一期间无销售</translation>
    </message>
    <message>
        <source>no floor area in the registry</source>
        <translation>登记信息中无面积</translation>
    </message>
    <message>
        <source>no tickets</source>
        <translation>无成交单</translation>
    </message>
    <message>
        <source>no sales or write-offs</source>
        <translation>无销售或报损</translation>
    </message>
    <message>
        <source>no sales</source>
        <translation>无销售</translation>
    </message>
    <message>
        <source>no sale lines</source>
        <translation>无销售明细</translation>
    </message>
    <message>
        <source>no day was due yet</source>
        <translation>尚无到期对账日</translation>
    </message>
    <message>
        <source>not inspected this period</source>
        <translation>本期未巡店</translation>
    </message>
    <message>
        <source>not measured for any eligible outlet of this type: left out, the other weights scaled up</source>
        <translation>本类型合格门店均无此项数据：不计入，其余权重按比例放大</translation>
    </message>
</context>
<context>
    <name>baidian::console::ConsoleWindow</name>
    <message>
        <source>Baidian manager console</source>
        <translation>百店管理控制台</translation>
    </message>
    <message>
        <source>Dashboard (Ctrl+1)</source>
        <translation>总览 (Ctrl+1)</translation>
    </message>
    <message>
        <source>Outlets (Ctrl+2)</source>
        <translation>门店 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Model-store ranking (Ctrl+3)</source>
        <translation>示范门店排名 (Ctrl+3)</translation>
    </message>
    <message>
        <source>%1, administrator: the whole network</source>
        <translation>%1，管理员：全网</translation>
    </message>
    <message>
        <source>%1, regional manager: %2</source>
        <translation>%1，区域经理：%2</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>总览(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Outlets</source>
        <translation>门店(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Ranking</source>
        <translation>排名(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>刷新(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Inspection…</source>
        <translation>巡店评分(&amp;I)…</translation>
    </message>
    <message>
        <source>Export ranking to &amp;CSV…</source>
        <translation>导出排名为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Export ranking</source>
        <translation>导出排名</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export ranking to &amp;PDF…</source>
        <translation>导出排名为 &amp;PDF…</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Choose an outlet in the ranking first.</source>
        <translation>请先在排名中选择一家门店。</translation>
    </message>
    <message>
        <source>Inspection of %1 saved; it counts when the ranking is next computed.</source>
        <translation>%1 的巡店评分已保存，下次计算排名时生效。</translation>
    </message>
</context>
<context>
    <name>baidian::console::DashboardView</name>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Tonnes</source>
        <translation>吨数</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>单数</translation>
    </message>
    <message>
        <source>Outlets</source>
        <translation>门店数</translation>
    </message>
    <message>
        <source>Outlet type</source>
        <translation>门店类型</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>%1 to %2: sold %3 for %4 in %5 tickets</source>
        <translation>%1 至 %2：售出 %3，销售额 %4，共 %5 单</translation>
    </message>
    <message>
        <source>Daily revenue and weight</source>
        <translation>每日销售额与重量</translation>
    </message>
    <message>
        <source>Revenue (¥ thousand)</source>
        <translation>销售额（千元）</translation>
    </message>
    <message>
        <source>Weight (tonnes)</source>
        <translation>重量（吨）</translation>
    </message>
    <message>
        <source>¥ thousand</source>
        <translation>千元</translation>
    </message>
    <message>
        <source>tonnes</source>
        <translation>吨</translation>
    </message>
</context>
<context>
    <name>baidian::console::InspectionDialog</name>
    <message>
        <source>Inspection of %1 for %2</source>
        <translation>%1 的巡店评分（%2）</translation>
    </message>
    <message>
        <source>&amp;Score (0-100)</source>
        <translation>评分(&amp;S)（0-100）</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
</context>
<context>
    <name>baidian::console::LoginDialog</name>
    <message>
        <source>Baidian manager console: log in</source>
        <translation>百店管理控制台：登录</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Cannot log in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
</context>
<context>
    <name>baidian::console::OutletDetailDialog</name>
    <message>
        <source>Outlet %1</source>
        <translation>门店 %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Floor area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>%1 m²</source>
        <translation>%1 平方米</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开业日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Franchisee</source>
        <translation>加盟商</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1（自 %2 起）</translation>
    </message>
    <message>
        <source>Type history</source>
        <translation>类型变更记录</translation>
    </message>
    <message>
        <source>%1 to %2: %3, %4, %5 tickets, refunds %6</source>
        <translation>%1 至 %2：%3，%4，%5 单，退款 %6</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Tonnes</source>
        <translation>吨数</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>单数</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Not ranked because</source>
        <translation>未排名原因</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>收银机</translation>
    </message>
    <message>
        <source>Last upload</source>
        <translation>最近上传</translation>
    </message>
    <message>
        <source>Last sale no.</source>
        <translation>最后流水号</translation>
    </message>
    <message>
        <source>Missing sales</source>
        <translation>缺失流水</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Journal breaks</source>
        <translation>日志断链</translation>
    </message>
    <message>
        <source>Unverifiable sales</source>
        <translation>无法校验</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
</context>
<context>
    <name>baidian::console::OutletsView</name>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>City (all)</source>
        <translation>城市（全部）</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Area m²</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开业日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Franchisee</source>
        <translation>加盟商</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message numerus="yes">
        <source>%n outlet(s)</source>
        <translation>
            <numerusform>%n 家门店</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>baidian::console::RankingView</name>
    <message>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>异常标记</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Place in type</source>
        <translation>类型内位置</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Outlet type</source>
        <translation>门店类型</translation>
    </message>
    <message>
        <source>No ranking has been computed for %1.</source>
        <translation>%1 尚未计算排名。</translation>
    </message>
    <message>
        <source>not ranked</source>
        <translation>未排名</translation>
    </message>
    <message>
        <source>%1 is number %2 of the %3 ranking.</source>
        <translation>%1 在%3排名中位列第 %2 名。</translation>
    </message>
    <message>
        <source>Not ranked: %1</source>
        <translation>未排名：%1</translation>
    </message>
    <message>
        <source>Flag %1: %2</source>
        <translation>异常 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Model-store ranking %1: %2</source>
        <translation>示范门店排名 %1：%2</translation>
    </message>
    <message>
        <source>%1 to %2, computed %3</source>
        <translation>%1 至 %2，计算于 %3</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
</TS>
