<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Cannot write the PDF %1</source>
        <translation>无法写入 PDF %1</translation>
    </message>
</context>
<context>
    <name>TillEngine</name>
    <message>
        <source>finish, suspend or void the open sale before changing cashier</source>
        <translation>请先完成、挂起或作废当前交易，再换收银员</translation>
    </message>
    <message>
        <source>wrong cashier code or PIN</source>
        <translation>工号或密码错误</translation>
    </message>
    <message>
        <source>%1 is locked after %2 wrong PINs: a supervisor must unlock it (F12 at the login)</source>
        <translation>%1 已因 %2 次密码错误被锁定：须主管解锁（登录界面按 F12）</translation>
    </message>
    <message>
        <source>%1 is now locked after %2 wrong PINs: a supervisor must unlock it</source>
        <translation>%1 连续 %2 次密码错误，现已锁定：须主管解锁</translation>
    </message>
    <message>
        <source>could not check the PIN: %1</source>
        <translation>无法核对密码：%1</translation>
    </message>
    <message>
        <source>could not log it: %1</source>
        <translation>无法记录：%1</translation>
    </message>
    <message>
        <source>could not unlock: %1</source>
        <translation>无法解锁：%1</translation>
    </message>
    <message>
        <source>log in first</source>
        <translation>请先登录</translation>
    </message>
    <message>
        <source>open a shift first (count the float into the drawer)</source>
        <translation>请先开班（将备用金放入钱箱）</translation>
    </message>
    <message>
        <source>a shift is already open on this till: close it first</source>
        <translation>本机已有班次未交班：请先交班</translation>
    </message>
    <message>
        <source>could not record it: %1</source>
        <translation>无法记录：%1</translation>
    </message>
    <message>
        <source>the drawer opens when the sale is paid: finish or suspend it first</source>
        <translation>付清后钱箱才会打开：请先完成或挂起交易</translation>
    </message>
    <message>
        <source>finish, suspend or void the open sale before closing the shift</source>
        <translation>交班前请先完成、挂起或作废当前交易</translation>
    </message>
    <message>
        <source>the shift could not be closed: %1</source>
        <translation>无法交班：%1</translation>
    </message>
    <message>
        <source>this return follows a receipt: pick lines from the original sale</source>
        <translation>本次退货依据小票：请从原交易中选择商品</translation>
    </message>
    <message>
        <source>no product with id %1</source>
        <translation>没有编号为 %1 的商品</translation>
    </message>
    <message>
        <source>no product has the PLU %1</source>
        <translation>没有 PLU 为 %1 的商品</translation>
    </message>
    <message>
        <source>barcode %1 is not in the catalog</source>
        <translation>条码 %1 不在商品目录中</translation>
    </message>
    <message>
        <source>label %1: no product has the PLU %2</source>
        <translation>秤签 %1：没有 PLU 为 %2 的商品</translation>
    </message>
    <message>
        <source>a supervisor&apos;s PIN has at least %1 digits: ask head office for a new one</source>
        <translation>主管密码至少 %1 位：请向总部申请新密码</translation>
    </message>
    <message>
        <source>%1 is not a supervisor and cannot approve this</source>
        <translation>%1 不是主管，无权授权</translation>
    </message>
    <message>
        <source>tender short by %1</source>
        <translation>付款还差 %1</translation>
    </message>
    <message>
        <source>card and mobile payments exceed the total: remove one</source>
        <translation>银行卡和移动支付超过应收金额：请删除一笔</translation>
    </message>
    <message>
        <source>pay out exactly %1 for this return</source>
        <translation>本次退货须退款正好 %1</translation>
    </message>
    <message>
        <source>%1 is not locked</source>
        <translation>%1 未被锁定</translation>
    </message>
    <message>
        <source>the float must be between ¥0 and %1</source>
        <translation>备用金须在 ¥0 到 %1 之间</translation>
    </message>
    <message>
        <source>the amount must be above ¥0 and at most %1</source>
        <translation>金额须大于 ¥0 且不超过 %1</translation>
    </message>
    <message>
        <source>say why the cash is taken out (banked, change for another till ...)</source>
        <translation>请说明取出现金的原因（存入银行、给其他收银台找零……）</translation>
    </message>
    <message>
        <source>that is more cash than the drawer should hold</source>
        <translation>超过钱箱应有的现金</translation>
    </message>
    <message>
        <source>say why the drawer is opened without a sale</source>
        <translation>请说明无销售开钱箱的原因</translation>
    </message>
    <message>
        <source>a counted amount cannot be negative</source>
        <translation>清点金额不能为负数</translation>
    </message>
    <message>
        <source>the weight must be above zero: put the item on the scale or key its weight</source>
        <translation>重量须大于零：请将商品放上秤或输入重量</translation>
    </message>
    <message>
        <source>%1 is more than one line may weigh (%2): check the weight</source>
        <translation>%1 超过单行重量上限（%2）：请核对重量</translation>
    </message>
    <message>
        <source>the quantity must be at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <source>a quantity above %1 is a keying error</source>
        <translation>数量超过 %1，应是输入错误</translation>
    </message>
    <message>
        <source>there is no line %1</source>
        <translation>没有第 %1 行</translation>
    </message>
    <message>
        <source>a returned line cannot be changed: remove it and return it again</source>
        <translation>退货行不能修改：请删除后重新退货</translation>
    </message>
    <message>
        <source>%1 is sold by weight: weigh it or key its weight</source>
        <translation>%1 按重量销售：请称重或输入重量</translation>
    </message>
    <message>
        <source>label %1 is one weighed or priced item: scan each label, without a quantity</source>
        <translation>秤签 %1 只代表一件称重或定价商品：请逐张扫描，不要输入数量</translation>
    </message>
    <message>
        <source>label %1 carries a weight but %2 is sold by the unit</source>
        <translation>秤签 %1 带有重量，但 %2 按件销售</translation>
    </message>
    <message>
        <source>label %1 carries an implausible price %2</source>
        <translation>秤签 %1 的价格 %2 不合理</translation>
    </message>
    <message>
        <source>%1 is not counted in units</source>
        <translation>%1 不按件计数</translation>
    </message>
    <message>
        <source>%1 is sold by the unit, not by weight</source>
        <translation>%1 按件销售，不按重量</translation>
    </message>
    <message>
        <source>the weight on a scale label cannot be changed: remove the line and reweigh</source>
        <translation>秤签上的重量不能修改：请删除该行后重新称重</translation>
    </message>
    <message>
        <source>prices cannot be changed on a return</source>
        <translation>退货时不能改价</translation>
    </message>
    <message>
        <source>a price label&apos;s amount cannot be overridden: remove the line</source>
        <translation>价格秤签的金额不能修改：请删除该行</translation>
    </message>
    <message>
        <source>the price must be above ¥0 and at most %1</source>
        <translation>价格须大于 ¥0 且不超过 %1</translation>
    </message>
    <message>
        <source>discounts cannot be given on a return</source>
        <translation>退货时不能打折</translation>
    </message>
    <message>
        <source>the discount must be between ¥0.00 and the line&apos;s %1</source>
        <translation>折扣须在 ¥0.00 到本行金额 %1 之间</translation>
    </message>
    <message>
        <source>there is no sale to discount</source>
        <translation>没有可打折的交易</translation>
    </message>
    <message>
        <source>the discount must be between ¥0.00 and the sale&apos;s %1</source>
        <translation>折扣须在 ¥0.00 到整单金额 %1 之间</translation>
    </message>
    <message>
        <source>there is no sale to round</source>
        <translation>没有可抹零的交易</translation>
    </message>
    <message>
        <source>a refund is not rounded</source>
        <translation>退款不抹零</translation>
    </message>
    <message>
        <source>there is nothing to pay for</source>
        <translation>没有需要付款的商品</translation>
    </message>
    <message>
        <source>a payment must be above ¥0.00</source>
        <translation>付款金额须大于 ¥0.00</translation>
    </message>
    <message>
        <source>%1 is more than one payment may be</source>
        <translation>%1 超过单笔付款上限</translation>
    </message>
    <message>
        <source>the sale is paid: complete it, or remove a payment first</source>
        <translation>已付清：请完成交易，或先删除一笔付款</translation>
    </message>
    <message>
        <source>confirm %1 in cash for %2 due: the change would be %3</source>
        <translation>请确认：应收 %2，收现金 %1，找零 %3</translation>
    </message>
    <message>
        <source>enter the payment terminal&apos;s reference (letters and digits, up to 64)</source>
        <translation>请输入支付终端的参考号（字母和数字，最多 64 位）</translation>
    </message>
    <message>
        <source>a card or mobile payment can pay at most the %1 still due: change is given in cash only</source>
        <translation>银行卡或移动支付最多支付尚欠的 %1：只有现金可以找零</translation>
    </message>
    <message>
        <source>pay out at most the %1 still due on this return</source>
        <translation>本次退货最多退 %1</translation>
    </message>
    <message>
        <source>there is no payment %1</source>
        <translation>没有第 %1 笔付款</translation>
    </message>
    <message>
        <source>there is nothing to complete: add an item first</source>
        <translation>没有可完成的交易：请先添加商品</translation>
    </message>
    <message>
        <source>there is no open sale to void</source>
        <translation>没有可作废的交易</translation>
    </message>
    <message>
        <source>unlocking %1 needs a supervisor&apos;s approval</source>
        <translation>解锁 %1 需要主管授权</translation>
    </message>
    <message>
        <source>taking %1 out of the drawer needs a supervisor&apos;s approval</source>
        <translation>从钱箱取出 %1 需要主管授权</translation>
    </message>
    <message>
        <source>opening the drawer without a sale needs a supervisor&apos;s approval</source>
        <translation>无销售开钱箱需要主管授权</translation>
    </message>
    <message>
        <source>removing %1 (%2) needs a supervisor&apos;s approval</source>
        <translation>删除 %1（%2）需要主管授权</translation>
    </message>
    <message>
        <source>a price of %1 for %2 needs a supervisor&apos;s approval</source>
        <translation>将 %2 改价为 %1 需要主管授权</translation>
    </message>
    <message>
        <source>a discount of %1 on %2 needs a supervisor&apos;s approval</source>
        <translation>%2 折扣 %1 需要主管授权</translation>
    </message>
    <message>
        <source>an order discount of %1 needs a supervisor&apos;s approval</source>
        <translation>整单折扣 %1 需要主管授权</translation>
    </message>
    <message>
        <source>voiding the return of %1 needs a supervisor&apos;s approval</source>
        <translation>作废 %1 的退货需要主管授权</translation>
    </message>
    <message>
        <source>voiding the sale of %1 needs a supervisor&apos;s approval</source>
        <translation>作废 %1 的交易需要主管授权</translation>
    </message>
    <message>
        <source>there is no sale to suspend</source>
        <translation>没有可挂起的交易</translation>
    </message>
    <message>
        <source>a return cannot be suspended: complete or void it</source>
        <translation>退货不能挂起：请完成或作废</translation>
    </message>
    <message>
        <source>payments were taken: remove them or complete the sale</source>
        <translation>已收款：请删除付款或完成交易</translation>
    </message>
    <message>
        <source>remove the order discount and 抹零 before suspending</source>
        <translation>挂起前请取消整单折扣和抹零</translation>
    </message>
    <message>
        <source>the sale could not be suspended: %1</source>
        <translation>无法挂起交易：%1</translation>
    </message>
    <message>
        <source>finish, suspend or void the open sale first</source>
        <translation>请先完成、挂起或作废当前交易</translation>
    </message>
    <message>
        <source>a suspended item is no longer in the catalog</source>
        <translation>挂起的商品已不在商品目录中</translation>
    </message>
    <message>
        <source>no suspended sale %1</source>
        <translation>没有编号为 %1 的挂单</translation>
    </message>
    <message>
        <source>the sale could not be resumed: %1</source>
        <translation>无法取单：%1</translation>
    </message>
    <message>
        <source>no sale with receipt number %1 on this till</source>
        <translation>本机没有小票号为 %1 的交易</translation>
    </message>
    <message>
        <source>start a return against a receipt first</source>
        <translation>请先按小票开始退货</translation>
    </message>
    <message>
        <source>the original sale has no line %1</source>
        <translation>原交易没有第 %1 行</translation>
    </message>
    <message>
        <source>return at least 1 gram</source>
        <translation>至少退 1 克</translation>
    </message>
    <message>
        <source>return at least 1 unit</source>
        <translation>至少退 1 件</translation>
    </message>
    <message>
        <source>only %1 of %2 is left to return</source>
        <translation>%2 只剩 %1 可退</translation>
    </message>
    <message>
        <source>a return without a receipt needs a supervisor&apos;s approval</source>
        <translation>无小票退货需要主管授权</translation>
    </message>
    <message>
        <source>the discount on %1 is larger than its amount</source>
        <translation>%1 的折扣超过其金额</translation>
    </message>
    <message>
        <source>the order discount is larger than the sale</source>
        <translation>整单折扣超过交易金额</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in kg: no digits</source>
        <translation>“%1”不是以千克为单位的重量：没有数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in jin: no digits</source>
        <translation>“%1”不是以斤为单位的重量：没有数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in kg: more than three decimals</source>
        <translation>“%1”不是以千克为单位的重量：小数超过三位</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in jin: more than three decimals</source>
        <translation>“%1”不是以斤为单位的重量：小数超过三位</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in kg: only digits and one decimal point are allowed</source>
        <translation>“%1”不是以千克为单位的重量：只能输入数字和一个小数点</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in jin: only digits and one decimal point are allowed</source>
        <translation>“%1”不是以斤为单位的重量：只能输入数字和一个小数点</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in kg: too large</source>
        <translation>“%1”不是以千克为单位的重量：数值过大</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a weight in jin: too large</source>
        <translation>“%1”不是以斤为单位的重量：数值过大</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount of money: no digits</source>
        <translation>“%1”不是金额：没有数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount of money: no digits after the decimal point</source>
        <translation>“%1”不是金额：小数点后没有数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount of money: more than two decimals (the smallest unit is the fen)</source>
        <translation>“%1”不是金额：小数超过两位（最小单位是分）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount of money: only digits and one decimal point are allowed</source>
        <translation>“%1”不是金额：只能输入数字和一个小数点</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount of money: too large</source>
        <translation>“%1”不是金额：数值过大</translation>
    </message>
    <message>
        <source>barcode %1 has a wrong check digit (expected %2): rescan it or key the item</source>
        <translation>条码 %1 校验位错误（应为 %2）：请重新扫描或手工输入商品</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a barcode: only digits are allowed</source>
        <translation>“%1”不是条码：只能包含数字</translation>
    </message>
    <message>
        <source>barcode %1 has %2 digits; EAN-13, UPC-A and EAN-8 have 13, 12 or 8</source>
        <translation>条码 %1 有 %2 位；EAN-13、UPC-A 和 EAN-8 分别为 13、12、8 位</translation>
    </message>
    <message>
        <source>empty scan: nothing was read</source>
        <translation>扫描为空：未读到内容</translation>
    </message>
    <message>
        <source>label %1 carries a zero weight: reprint the label</source>
        <translation>秤签 %1 的重量为零：请重新打印秤签</translation>
    </message>
    <message>
        <source>label %1 carries a zero price: reprint the label</source>
        <translation>秤签 %1 的价格为零：请重新打印秤签</translation>
    </message>
    <message>
        <source>no shift has been closed on this till yet</source>
        <translation>本机还没有交过班</translation>
    </message>
    <message>
        <source>receipt %1 is not a receipt of this outlet</source>
        <translation>小票 %1 不是本门店的小票</translation>
    </message>
    <message>
        <source>no sale with receipt number %1 in this outlet</source>
        <translation>本门店没有小票号为 %1 的交易</translation>
    </message>
    <message>
        <source>receipt %1 is from another till and the server cannot be reached: try again when the till is online</source>
        <translation>小票 %1 来自本店另一台收银机，现在连不上服务器：请在联网后再试</translation>
    </message>
    <message>
        <source>%1 (%2) is not in this till&apos;s catalog: return it at the till that sold it</source>
        <translation>本机商品目录中没有 %1（%2）：请到售出它的收银机退货</translation>
    </message>
    <message>
        <source>the stock records could not be written: %1</source>
        <translation>库存记录无法写入：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a write-off reason (spoiled, dried_out, damaged, theft, tasting, other)</source>
        <translation>“%1”不是报损原因：请选变质、失水、破损、被盗、试吃或其他</translation>
    </message>
    <message>
        <source>no product with SKU %1</source>
        <translation>没有货号为 %1 的商品</translation>
    </message>
    <message>
        <source>%1 is counted in grams: give a weight above zero</source>
        <translation>%1 按克计：请输入大于零的重量</translation>
    </message>
    <message>
        <source>%1 is counted in units: give a quantity above zero</source>
        <translation>%1 按件计：请输入大于零的数量</translation>
    </message>
    <message>
        <source>the quantity of %1 is implausible</source>
        <translation>%1 的数量不合常理</translation>
    </message>
    <message>
        <source>a lot needs its code and its production base</source>
        <translation>批次需要批次号和产地基地</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a date (YYYY-MM-DD)</source>
        <translation>“%1”不是日期（年-月-日）</translation>
    </message>
    <message>
        <source>name the outlet the goods go to (not this one)</source>
        <translation>请填写收货门店（不能是本店）</translation>
    </message>
    <message>
        <source>a transfer needs at least one line</source>
        <translation>调拨单至少要有一行</translation>
    </message>
    <message>
        <source>an incoming transfer needs its id and its lines</source>
        <translation>调入单需要单号和明细</translation>
    </message>
    <message>
        <source>transfer %1 was already received</source>
        <translation>调拨单 %1 已经收过货</translation>
    </message>
    <message>
        <source>transfer %1 was sent from this outlet</source>
        <translation>调拨单 %1 是本店发出的</translation>
    </message>
    <message>
        <source>count sheet %1 is still open: post it first</source>
        <translation>盘点单 %1 尚未过账：请先过账</translation>
    </message>
    <message>
        <source>a count cannot be negative</source>
        <translation>盘点数不能为负</translation>
    </message>
    <message>
        <source>count sheet %1 is not open or lacks %2</source>
        <translation>盘点单 %1 未打开或没有 %2</translation>
    </message>
    <message>
        <source>no count sheet %1</source>
        <translation>没有盘点单 %1</translation>
    </message>
    <message>
        <source>count sheet %1 was already posted</source>
        <translation>盘点单 %1 已经过账</translation>
    </message>
    <message>
        <source>a minimum cannot be negative</source>
        <translation>最低库存不能为负</translation>
    </message>
    <message>
        <source>no line %1 on receipt %2</source>
        <translation>小票 %2 没有第 %1 行</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Baidian receipt code</source>
        <translation>“%1”不是百店小票码</translation>
    </message>
    <message>
        <source>no sale %1 with that code on this till</source>
        <translation>本机没有该码对应的交易 %1</translation>
    </message>
    <message>
        <source>the sale could not be saved and nothing was recorded: %1. The basket is kept; try again.</source>
        <translation>交易未能保存，什么也没有记下（%1）。购物篮仍在，请重试。</translation>
    </message>
    <message>
        <source>cannot set up the till database: %1</source>
        <translation>无法建立收银机数据库：%1</translation>
    </message>
    <message>
        <source>this till is not set up yet: give it an outlet code and terminal number</source>
        <translation>本机尚未设置：请填写门店编码和收银机号</translation>
    </message>
    <message>
        <source>the journal key %1 cannot be read: %2</source>
        <translation>无法读取流水密钥 %1：%2</translation>
    </message>
    <message>
        <source>the journal key %1 may be read or written by others: make it the till user&apos;s own (chmod 600)</source>
        <translation>流水密钥 %1 他人也可读写：请改为仅收银账户可读写（权限 600）</translation>
    </message>
    <message>
        <source>the journal key %1 cannot be read</source>
        <translation>无法读取流水密钥 %1</translation>
    </message>
    <message>
        <source>the journal key %1 does not hold 64 hex digits: copy it again from store-admin issue-cert&apos;s output</source>
        <translation>流水密钥 %1 不是 64 位十六进制数：请从总部发证工具的输出重新复制</translation>
    </message>
    <message>
        <source>a quantity before * must be a whole number</source>
        <translation>* 前的数量必须是整数</translation>
    </message>
    <message>
        <source>%1 is sold by weight: weigh it instead of giving a quantity</source>
        <translation>%1 按重量销售：请称重，不要输入数量</translation>
    </message>
</context>
<context>
    <name>TillSession</name>
    <message>
        <source>Barcode not readable</source>
        <translation>条码无法识别</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>输入无效</translation>
    </message>
    <message>
        <source>Not possible now</source>
        <translation>当前无法操作</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <source>Supervisor approval needed</source>
        <translation>需要主管授权</translation>
    </message>
    <message>
        <source>Amount too large</source>
        <translation>金额过大</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Server unreachable</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <source>No receipt printer is configured (--printer)</source>
        <translation>未配置小票打印机（--printer）</translation>
    </message>
    <message>
        <source>Cannot open the printer %1: %2</source>
        <translation>无法打开打印机 %1：%2</translation>
    </message>
    <message>
        <source>The printer did not take the receipt: %1</source>
        <translation>打印机未接收小票：%1</translation>
    </message>
</context>
<context>
    <name>baidian::app::ApprovalDialog</name>
    <message>
        <source>Supervisor approval</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>Supervisor code</source>
        <translation>主管工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter: approve    Esc: cancel</source>
        <translation>回车：授权    Esc：取消</translation>
    </message>
</context>
<context>
    <name>baidian::app::BasketModel</name>
    <message>
        <source>/jin</source>
        <translation>/斤</translation>
    </message>
    <message>
        <source> (promotion)</source>
        <translation>（促销）</translation>
    </message>
    <message>
        <source>label</source>
        <translation>称重标签</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty / weight</source>
        <translation>数量/重量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>baidian::app::CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>顾客显示屏</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty / weight</source>
        <translation>数量/重量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Welcome to %1</source>
        <translation>欢迎光临 %1</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>(promotion %1)</source>
        <translation>（优惠 %1）</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>退款 %1</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <source>Refunded %1</source>
        <translation>已退 %1</translation>
    </message>
    <message>
        <source>Paid %1   Still due %2</source>
        <translation>已付 %1   还需 %2</translation>
    </message>
    <message>
        <source>Return done</source>
        <translation>退货完成</translation>
    </message>
    <message>
        <source>Thank you, see you again</source>
        <translation>谢谢惠顾，欢迎再来</translation>
    </message>
    <message>
        <source>Paid %1   Change %2</source>
        <translation>实收 %1   找零 %2</translation>
    </message>
</context>
<context>
    <name>baidian::app::EntryDialog</name>
    <message>
        <source>Enter: OK    Esc: cancel</source>
        <translation>回车：确定    Esc：取消</translation>
    </message>
</context>
<context>
    <name>baidian::app::InventoryActions</name>
    <message>
        <source>No product with SKU, PLU or barcode %1</source>
        <translation>没有货号、PLU 或条码为 %1 的商品</translation>
    </message>
    <message>
        <source>A quantity is a whole number</source>
        <translation>数量必须是整数</translation>
    </message>
    <message>
        <source>Stock work needs a store manager or supervisor: log in as one</source>
        <translation>库存作业需要店长或主管：请以其身份登录</translation>
    </message>
    <message>
        <source>Receive goods</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Write off spoilage</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>Transfer to another outlet</source>
        <translation>调拨到其他门店</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Stock levels, near expiry, low stock</source>
        <translation>库存、临期、低库存</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter take    Esc back</source>
        <translation>上/下 选择    回车 选定    Esc 返回</translation>
    </message>
    <message>
        <source>Product: SKU, PLU or barcode</source>
        <translation>商品：货号、PLU 或条码</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>公斤</translation>
    </message>
    <message>
        <source>units</source>
        <translation>件</translation>
    </message>
    <message>
        <source>%1: quantity in %2</source>
        <translation>%1：数量（%2）</translation>
    </message>
    <message>
        <source>Lot or batch code on the delivery note</source>
        <translation>送货单上的批次号</translation>
    </message>
    <message>
        <source>Production base (origin)</source>
        <translation>生产基地（产地）</translation>
    </message>
    <message>
        <source>Best before, YYYY-MM-DD (empty if none)</source>
        <translation>保质期至，YYYY-MM-DD（无则留空）</translation>
    </message>
    <message>
        <source>Received into lot %1</source>
        <translation>已收货入批次 %1</translation>
    </message>
    <message>
        <source>Write off</source>
        <translation>报损</translation>
    </message>
    <message>
        <source>%1: how much is lost</source>
        <translation>%1：损耗数量</translation>
    </message>
    <message>
        <source>Spoiled</source>
        <translation>腐烂变质</translation>
    </message>
    <message>
        <source>Dried out</source>
        <translation>失水干耗</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Theft</source>
        <translation>失窃</translation>
    </message>
    <message>
        <source>Tasting sample</source>
        <translation>试吃</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>已报损</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>To outlet (code)</source>
        <translation>调入门店（编码）</translation>
    </message>
    <message>
        <source>%1: quantity</source>
        <translation>%1：数量</translation>
    </message>
    <message>
        <source>Sent; in transit until %1 receives it</source>
        <translation>已发出；%1 收货前为在途</translation>
    </message>
    <message>
        <source>Start a count (freeze the sheet)</source>
        <translation>开始盘点（冻结盘点表）</translation>
    </message>
    <message>
        <source>Count a product</source>
        <translation>录入盘点数</translation>
    </message>
    <message>
        <source>Show the variance</source>
        <translation>查看差异</translation>
    </message>
    <message>
        <source>Post the count</source>
        <translation>过账盘点</translation>
    </message>
    <message>
        <source>Count sheet %1 frozen</source>
        <translation>盘点表 %1 已冻结</translation>
    </message>
    <message>
        <source>Start a count first</source>
        <translation>请先开始盘点</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>%1: counted</source>
        <translation>%1：实盘数</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已录入</translation>
    </message>
    <message>
        <source>%1 %2: expected %3, counted %4, difference %5
</source>
        <translation>%1 %2：账面 %3，实盘 %4，差异 %5
</translation>
    </message>
    <message>
        <source>Count posted as one adjustment</source>
        <translation>盘点已作为一笔调整过账</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>盘点差异</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Nothing counted yet</source>
        <translation>尚未录入盘点数</translation>
    </message>
    <message>
        <source>Stock
</source>
        <translation>库存
</translation>
    </message>
    <message>
        <source>
Near expiry (7 days)
</source>
        <translation>
临期（7 天内）
</translation>
    </message>
    <message>
        <source>
Below minimum
</source>
        <translation>
低于最低库存
</translation>
    </message>
    <message>
        <source>
Sold with no stock on the books
</source>
        <translation>
账面无库存的销售
</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Receive a transfer</source>
        <translation>调拨入库</translation>
    </message>
    <message>
        <source>Incoming transfers come from the server: start the till with --server</source>
        <translation>调拨入库信息来自服务器：请用 --server 启动收银机</translation>
    </message>
    <message>
        <source>Asking the server for incoming transfers...</source>
        <translation>正在向服务器查询调入货品……</translation>
    </message>
    <message>
        <source>Nothing is on its way to this outlet</source>
        <translation>没有发往本店的在途货品</translation>
    </message>
    <message>
        <source>From %1:%2</source>
        <translation>来自 %1：%2</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter book it    Esc back</source>
        <translation>上/下 选择    回车 入库    Esc 返回</translation>
    </message>
    <message>
        <source>Transfer from %1 booked</source>
        <translation>来自 %1 的调拨已入库</translation>
    </message>
</context>
<context>
    <name>baidian::app::Keypad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>baidian::app::LoginScreen</name>
    <message>
        <source>Cashier code</source>
        <translation>收银员工号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter your code and PIN, each followed by Enter</source>
        <translation>输入工号和密码，各按回车确认</translation>
    </message>
    <message>
        <source>Unlock a locked code (F12)</source>
        <translation>解锁被锁定的工号 (F12)</translation>
    </message>
    <message>
        <source>Type the locked cashier code first, then F12</source>
        <translation>请先输入被锁定的工号，再按 F12</translation>
    </message>
</context>
<context>
    <name>baidian::app::PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>reference from the payment terminal</source>
        <translation>支付终端返回的交易参考号</translation>
    </message>
    <message>
        <source>F1 Cash   F2 Card   F3 WeChat   F4 Alipay   Enter add / complete   Del remove last   Esc back</source>
        <translation>F1 现金   F2 银行卡   F3 微信   F4 支付宝   回车 添加/完成   Del 删除上一笔   Esc 返回</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>应收余额</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考号</translation>
    </message>
    <message>
        <source>Fully paid: press Enter to complete</source>
        <translation>已付清：按回车完成交易</translation>
    </message>
    <message>
        <source>Remove last payment (Del)</source>
        <translation>删除上一笔付款 (Del)</translation>
    </message>
    <message>
        <source>The sale is paid: press Enter to complete, or Del to remove a payment</source>
        <translation>已付清：按回车完成交易，或按 Del 删除一笔付款</translation>
    </message>
    <message>
        <source>Cash %1 for %2 due gives %3 change. Enter again to take it, or correct the amount</source>
        <translation>应收 %2，收现金 %1，需找零 %3。再按回车确认收款，或修改金额</translation>
    </message>
    <message>
        <source>Small change dropped (抹零): %1</source>
        <translation>抹零 %1</translation>
    </message>
    <message>
        <source>Still to refund</source>
        <translation>待退款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
</context>
<context>
    <name>baidian::app::QuickKeyPanel</name>
    <message>
        <source>Quick keys</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>baidian::app::ReceiptDialog</name>
    <message>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <source>Ctrl+P save PDF    Ctrl+E print (ESC/POS)    Esc close</source>
        <translation>Ctrl+P 保存 PDF    Ctrl+E 打印（ESC/POS）    Esc 关闭</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
</context>
<context>
    <name>baidian::app::ReportDialog</name>
    <message>
        <source>Print (Ctrl+E)</source>
        <translation>打印 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Save PDF (Ctrl+P)</source>
        <translation>存为 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>No printer is set up for this till (--printer): save it as a PDF instead (Ctrl+P)</source>
        <translation>本机未配置打印机（--printer）：请存为 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <source>Sent to the printer</source>
        <translation>已发送到打印机</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
    <message>
        <source>No printer is set up for this till: the report was saved as %1</source>
        <translation>本机未配置打印机：报表已存为 %1</translation>
    </message>
</context>
<context>
    <name>baidian::app::SaleActions</name>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>%1: weight in kg (e.g. 1.25)</source>
        <translation>%1：重量（公斤，如 1.25）</translation>
    </message>
    <message>
        <source>Scan an item first</source>
        <translation>请先扫描商品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>New quantity</source>
        <translation>新数量</translation>
    </message>
    <message>
        <source>A quantity is a whole number</source>
        <translation>数量必须是整数</translation>
    </message>
    <message>
        <source>Weight in kg</source>
        <translation>重量（公斤）</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>单品折扣</translation>
    </message>
    <message>
        <source>Discount in yuan for this line</source>
        <translation>本行折扣金额（元）</translation>
    </message>
    <message>
        <source>Discount given</source>
        <translation>已打折</translation>
    </message>
    <message>
        <source>Change price</source>
        <translation>改价</translation>
    </message>
    <message>
        <source>New unit price in yuan (same unit as the shelf price)</source>
        <translation>新单价（元，与标价单位相同）</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>已改价</translation>
    </message>
    <message>
        <source>Order discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Discount in yuan on the whole sale</source>
        <translation>整单折扣金额（元）</translation>
    </message>
    <message>
        <source>Small change dropped (抹零)</source>
        <translation>已抹零</translation>
    </message>
    <message>
        <source>抹零 removed</source>
        <translation>已取消抹零</translation>
    </message>
    <message>
        <source>There is no line to remove</source>
        <translation>没有可删除的行</translation>
    </message>
    <message>
        <source>Line removed</source>
        <translation>已删除该行</translation>
    </message>
    <message>
        <source>There is no open sale</source>
        <translation>当前没有交易</translation>
    </message>
    <message>
        <source>Void the whole sale?</source>
        <translation>整单作废？</translation>
    </message>
    <message>
        <source>Keep the sale</source>
        <translation>保留交易</translation>
    </message>
    <message>
        <source>Void the sale</source>
        <translation>作废交易</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter confirm    Esc back</source>
        <translation>上/下 选择    回车 确认    Esc 返回</translation>
    </message>
    <message>
        <source>Sale voided</source>
        <translation>交易已作废</translation>
    </message>
    <message>
        <source>Sale suspended as number %1</source>
        <translation>已挂单，单号 %1</translation>
    </message>
    <message>
        <source>No suspended sales</source>
        <translation>没有挂单</translation>
    </message>
    <message numerus="yes">
        <source>No. %1  %2  %n line(s)</source>
        <translation>
            <numerusform>%1 号  %2  %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume a suspended sale</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter resume    Esc back</source>
        <translation>上/下 选择    回车 取单    Esc 返回</translation>
    </message>
    <message>
        <source>Sale resumed</source>
        <translation>已取单</translation>
    </message>
    <message>
        <source>Finish, suspend or void the open sale first</source>
        <translation>请先完成、挂起或作废当前交易</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Return without receipt: scan the goods</source>
        <translation>无小票退货：请扫描商品</translation>
    </message>
    <message>
        <source>%1. %2  left to return: %3  paid %4</source>
        <translation>%1. %2  可退：%3  实付 %4</translation>
    </message>
    <message>
        <source>Which line comes back?</source>
        <translation>退哪一行？</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter take    Esc done</source>
        <translation>上/下 选择    回车 选定    Esc 完成</translation>
    </message>
    <message>
        <source>Weight returned in kg</source>
        <translation>退货重量（公斤）</translation>
    </message>
    <message>
        <source>Quantity returned</source>
        <translation>退货数量</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Drawer opened</source>
        <translation>钱箱已打开</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <source>Cash float in the drawer, in yuan</source>
        <translation>钱箱备用金（元）</translation>
    </message>
    <message>
        <source>Shift opened</source>
        <translation>已开班</translation>
    </message>
    <message>
        <source>X report (mid-shift)</source>
        <translation>X 报表（班中）</translation>
    </message>
    <message>
        <source>Close shift and print Z report</source>
        <translation>交班并打印 Z 报表</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入现金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出现金</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter take    Esc back</source>
        <translation>上/下 选择    回车 选定    Esc 返回</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Z 报表</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>已交班</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Open the drawer without a sale: why?</source>
        <translation>无销售开钱箱：原因？</translation>
    </message>
    <message>
        <source>Change for a customer&apos;s note</source>
        <translation>为顾客兑换零钱</translation>
    </message>
    <message>
        <source>Check a note</source>
        <translation>验钞</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Float top-up</source>
        <translation>补充备用金</translation>
    </message>
    <message>
        <source>Cash out: why?</source>
        <translation>取出现金：原因？</translation>
    </message>
    <message>
        <source>Banked</source>
        <translation>存入银行</translation>
    </message>
    <message>
        <source>Change for another till</source>
        <translation>给其他收银台找零</translation>
    </message>
    <message>
        <source>Paid an expense</source>
        <translation>支付费用</translation>
    </message>
    <message>
        <source>%1: amount in yuan</source>
        <translation>%1：金额（元）</translation>
    </message>
    <message>
        <source>Cash taken out</source>
        <translation>已取出现金</translation>
    </message>
    <message>
        <source>That product is no longer sold here</source>
        <translation>该商品已不在本店销售</translation>
    </message>
    <message>
        <source>%1: weight in jin (斤, e.g. 2.5)</source>
        <translation>%1：重量（斤，如 2.5）</translation>
    </message>
    <message>
        <source>Weight in jin (斤)</source>
        <translation>重量（斤）</translation>
    </message>
    <message>
        <source>Reprint the last Z report</source>
        <translation>重打上一张 Z 报表</translation>
    </message>
    <message>
        <source>Z report (reprint)</source>
        <translation>Z 报表（重打）</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s QR code, or type its number (its last digits will do); leave empty for a return without receipt</source>
        <translation>扫小票二维码，或输入小票号（末几位即可）；无小票退货请留空</translation>
    </message>
</context>
<context>
    <name>baidian::app::SaleScreen</name>
    <message>
        <source>Scan, or type a barcode, PLU (qty*code) or name, then Enter</source>
        <translation>扫码，或输入条码、PLU（数量*编码）、名称后回车</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>promotion applied</source>
        <translation>已享受促销</translation>
    </message>
    <message>
        <source>RETURN</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Till %1</source>
        <translation>%1 号机</translation>
    </message>
    <message>
        <source>Receipt %1
Change %2</source>
        <translation>小票 %1
找零 %2</translation>
    </message>
    <message>
        <source>Offline (no server set)</source>
        <translation>离线（未配置服务器）</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s) waiting to sync</source>
        <translation>
            <numerusform>%n 笔待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>Return %1
Refunded %2</source>
        <translation>退货单 %1
已退款 %2</translation>
    </message>
</context>
<context>
    <name>baidian::app::SearchDialog</name>
    <message>
        <source>Find a product</source>
        <translation>查找商品</translation>
    </message>
    <message>
        <source>pinyin initials, name or SKU</source>
        <translation>拼音首字母、名称或货号</translation>
    </message>
    <message>
        <source>Up/Down choose    Enter take    Esc back</source>
        <translation>上/下 选择    回车 选定    Esc 返回</translation>
    </message>
    <message>
        <source>PLU %1</source>
        <translation>PLU %1</translation>
    </message>
</context>
<context>
    <name>baidian::app::ShiftCloseDialog</name>
    <message>
        <source>Close shift: count the drawer</source>
        <translation>交班：清点钱箱</translation>
    </message>
    <message>
        <source>¥100 notes</source>
        <translation>100 元</translation>
    </message>
    <message>
        <source>¥50 notes</source>
        <translation>50 元</translation>
    </message>
    <message>
        <source>¥20 notes</source>
        <translation>20 元</translation>
    </message>
    <message>
        <source>¥10 notes</source>
        <translation>10 元</translation>
    </message>
    <message>
        <source>¥5 notes</source>
        <translation>5 元</translation>
    </message>
    <message>
        <source>¥1</source>
        <translation>1 元</translation>
    </message>
    <message>
        <source>5 jiao</source>
        <translation>5 角</translation>
    </message>
    <message>
        <source>1 jiao</source>
        <translation>1 角</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>现金实点</translation>
    </message>
    <message>
        <source> (terminal total)</source>
        <translation>（终端汇总）</translation>
    </message>
    <message>
        <source>Enter: next field, on the last one close the shift    Esc: back</source>
        <translation>回车：下一项，最后一项回车即交班    Esc：返回</translation>
    </message>
</context>
<context>
    <name>baidian::app::TillWindow</name>
    <message>
        <source>Baidian till · %1</source>
        <translation>百店收银 · %1</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>整单折扣</translation>
    </message>
    <message>
        <source>Drop change</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂单</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>取单</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打小票</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>结账</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删行</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>整单作废</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Finish, suspend or void the open sale before logging out</source>
        <translation>退出前请先完成、挂起或作废当前交易</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Unlock %1: a supervisor&apos;s code and PIN</source>
        <translation>解锁 %1：请主管输入工号和密码</translation>
    </message>
    <message>
        <source>%1 is unlocked: enter the PIN</source>
        <translation>%1 已解锁：请输入密码</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Baidian till</source>
        <translation>百店收银</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>
