import Audience
import Foundation

/// The report's language: labels and number formats. Result files (CSV,
/// JSON) never depend on it.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case en, zh

    /// The KPI's name, as Docs/model.md §8 names it in this language.
    public func name(_ kpi: KPI) -> String {
        let names = Self.kpiNames[kpi] ?? (kpi.key, kpi.key)
        return self == .en ? names.en : names.zh
    }

    /// A label of the page (headings, axis titles, legends).
    public func text(_ key: Label) -> String {
        self == .en ? key.english : key.chinese
    }

    /// A season KPI key in words.
    public func seasonName(_ key: String) -> String {
        guard let names = Self.seasonNames[key] else { return key }
        return self == .en ? names.en : names.zh
    }

    static let seasonNames: [String: (en: String, zh: String)] = [
        "streams": ("Streams", "场次"),
        "seasonViews": ("Views in the season", "周期观看人次"),
        "seasonGmvYuan": ("Season GMV", "周期成交额"),
        "seasonNetGmvYuan": ("Season net GMV", "周期净成交额"),
        "seasonOrders": ("Season orders", "周期订单数"),
        "people": ("People reached", "触达人数"),
        "seasonBuyers": ("Buyers over the season", "季度成交人数"),
        "repeatBuyers": ("Repeat buyers", "复购人数"),
        "repurchaseRate30Days": ("Repurchase rate (30 days)", "复购率（30天）"),
        "repurchaseRate90Days": ("Repurchase rate (90 days)", "复购率（90天）"),
        "retainedNextStream": ("Buyers back next stream", "买家次场回访率"),
        "clickersLaterConversion": ("Later conversion of clickers who did not buy", "点击未购用户的后续转化率"),
        "followersStart": ("Followers at the start", "期初粉丝数"),
        "followersEnd": ("Followers at the end", "期末粉丝数"),
        "followerGrowth": ("Follower growth", "粉丝增长"),
        "seasonNewFollows": ("New follows over the season", "季度新增关注数"),
        "followersChurned": ("Followers lost", "流失粉丝数"),
        "membersEnd": ("Members at the end", "期末会员数"),
        "paidMembersEnd": ("Paid members at the end", "期末付费会员数"),
        "churnedPeople": ("People lost (churn)", "流失人数"),
        "lifetimeValueYuan": ("Lifetime value per person", "人均客户终身价值"),
        "acquisitionCostYuan": ("Acquisition cost", "获客成本"),
        "acquisitionCostPerPersonYuan": ("Acquisition cost per person", "人均获客成本"),
        "lifetimeValueToAcquisitionCost": ("Lifetime value / acquisition cost", "终身价值与获客成本之比"),
        "retentionCostYuan": ("Retention cost", "留存成本"),
        "memberDiscountsYuan": ("Member discounts", "会员折扣"),
        "couponsSent": ("Coupons sent", "发放优惠券数"),
        "couponsRedeemed": ("Coupons redeemed", "核销优惠券数"),
        "couponCostYuan": ("Coupon cost", "优惠券成本"),
        "remindersSent": ("Repurchase reminders sent", "复购提醒数"),
        "birthdayGiftsSent": ("Birthday gifts sent", "生日礼数"),
        "membershipFeesYuan": ("Paid membership fees", "付费会员收入"),
        "retentionOrders": ("Orders from retention", "留存带来的订单数"),
        "retentionGmvYuan": ("GMV from retention", "留存带来的成交额"),
        "retentionRoi": ("Retention return on cost", "留存投入产出比"),
        "seasonProfitYuan": ("Season profit", "周期利润"),
    ]

    /// A channel key (`feed`, `kol`, …) in words.
    public func channel(_ key: String) -> String {
        guard let names = Self.channelNames[key] else { return key }
        return self == .en ? names.en : names.zh
    }

    static let kpiNames: [KPI: (en: String, zh: String)] = [
        .views: ("Views", "观看人次"),
        .uniqueViewers: ("Unique viewers", "观看人数"),
        .peakConcurrent: ("Peak concurrent", "最高在线"),
        .averageConcurrent: ("Average concurrent", "平均在线"),
        .averageStaySeconds: ("Average stay (s)", "平均停留时长（秒）"),
        .medianStaySeconds: ("Median stay (s)", "停留时长中位数（秒）"),
        .p90StaySeconds: ("90th-percentile stay (s)", "停留时长九十分位（秒）"),
        .interactions: ("Interactions", "互动次数"),
        .interactionRate: ("Interaction rate", "互动率"),
        .productExposures: ("Product exposures", "商品曝光次数"),
        .productClicks: ("Product clicks", "商品点击次数"),
        .clickThroughRate: ("Product click-through", "商品点击率"),
        .orders: ("Orders", "订单数"),
        .buyers: ("Buyers", "成交人数"),
        .conversionRate: ("Conversion rate", "成交转化率"),
        .clickToOrderRate: ("Click-to-order rate", "点击成交率"),
        .gmvYuan: ("GMV", "成交额"),
        .averageOrderValueYuan: ("Average order value", "客单价"),
        .gpmYuan: ("GPM (GMV per 1,000 views)", "千次观看成交额"),
        .newFollows: ("New follows", "新增关注数"),
        .followRate: ("Follow rate", "转粉率"),
        .shares: ("Shares", "分享次数"),
        .shareArrivals: ("Views brought by shares", "分享带来观看"),
        .fissionCoefficient: ("Fission coefficient", "裂变系数"),
        .returns: ("Returns", "退货"),
        .netGmvYuan: ("Net GMV", "净成交额"),
        .costYuan: ("Cost", "成本"),
        .profitYuan: ("Profit", "利润"),
        .roi: ("Return on spend", "投入产出比"),
        .lostSalesUnits: ("Lost sales (units)", "缺货损失（件）"),
        .lostSalesYuan: ("Lost sales", "缺货损失"),
    ]

    static let channelNames: [String: (en: String, zh: String)] = [
        "feed": ("Feed recommendation", "推荐流量"),
        "followers": ("Followers", "粉丝"),
        "kol": ("Influencer referral", "达人推荐"),
        "koc": ("Key-consumer referral", "素人种草"),
        "shortVideo": ("Short-video warm-up", "短视频预热"),
        "search": ("Search", "搜索"),
        "offlineAds": ("Offline ads", "线下广告"),
        "crossBrand": ("Cross-brand", "品牌联动"),
        "share": ("Shares", "分享裂变"),
    ]
}

/// Every fixed text of the pages, in both languages.
public enum Label: String, CaseIterable, Sendable {
    case runTitle, comparisonTitle, sweepTitle, scenario, seed, replications, generatedBy
    case keyFigures, allMeasures, kpi, mean, ci95, p5, p95, ciNote, bandNote
    case concurrency, concurrencyNote, minute, viewers, phases, stall, flashSale, lottery, luckyBag, quiz, soldOut, event
    case entriesByChannel, entries, roomWeight, roomWeightAxis, feedMultiplier, feedMultiplierAxis, feedMultiplierNote
    case funnel, funnelNote, funnelByChannel, shareOfViews
    case gmvPerMinute, gmvCumulative, yuan
    case stayDistribution, staySeconds, views
    case channelTable, channel, cost, roi, contribution, contributionNote, roiButLoss
    case comparisonKPIs, difference, multipleTestingNote, pairedNote
    case concurrencyOverlay, probabilityBest, probabilityBestNote
    case heatMap, lineOver, objective, bestCell, rerunCI, cell, cells, noTwoParameters
    case noData, all
    case p5p95Band, oneStream
    case season, seasonNote, seasonMeasures, gmvPerStream, stream, buyerRetention, buyerRetentionNote, streamsLater, shareOfBuyers
    case valueByChannel, valueByChannelNote, lifetimeValue, acquisitionCost, yuanPerPerson

    var english: String {
        switch self {
        case .runTitle: "Live-stream projection"
        case .comparisonTitle: "Strategy comparison"
        case .sweepTitle: "Parameter sweep"
        case .scenario: "Scenario"
        case .seed: "Seed"
        case .replications: "Replications"
        case .generatedBy: "Generated by"
        case .keyFigures: "Key figures"
        case .allMeasures: "All measures"
        case .kpi: "Measure"
        case .mean: "Mean"
        case .ci95: "95% confidence interval of the mean"
        case .p5: "One stream: 5th percentile"
        case .p95: "One stream: 95th percentile"
        case .ciNote: "95% CI: where the mean of many streams lies. One stream (P5–P95): the range a single stream falls in 9 times out of 10."
        case .bandNote: "Shaded bands: 5th to 95th percentile across replications; lines: the mean."
        case .concurrency: "Concurrent viewers over the stream"
        case .concurrencyNote: "Phase bands, promotion and event markers, and stall incidents (red)."
        case .minute: "Minute"
        case .viewers: "Viewers present"
        case .phases: "Phases"
        case .stall: "Stall"
        case .flashSale: "Flash sale"
        case .lottery: "Lottery"
        case .luckyBag: "Lucky bag"
        case .quiz: "Quiz"
        case .soldOut: "Sold out"
        case .event: "Event"
        case .entriesByChannel: "Entries by channel per minute"
        case .entries: "Entries"
        case .roomWeight: "Room weight over the stream"
        case .roomWeightAxis: "Room weight (1 = the reference room)"
        case .feedMultiplier: "Feed multiplier applied over the stream"
        case .feedMultiplierAxis: "Multiplier applied to feed arrivals"
        case .feedMultiplierNote: "The multiplier the recommendation feed actually applied (the room weight raised to the feed's elasticity, clamped), time-averaged per minute. 1 = the feed's own traffic."
        case .funnel: "Funnel"
        case .funnelNote: "Each bar: the mean count; beside it, the share of the stage before."
        case .funnelByChannel: "Funnel by channel (share of the channel's views)"
        case .shareOfViews: "Share of views"
        case .gmvPerMinute: "Sales per minute, by product"
        case .gmvCumulative: "Cumulative sales, by product"
        case .yuan: "Sales (yuan)"
        case .stayDistribution: "How long viewers stay"
        case .staySeconds: "Stay (seconds)"
        case .views: "Views"
        case .channelTable: "Channels"
        case .channel: "Channel"
        case .cost: "Cost"
        case .roi: "Channel ROI"
        case .contribution: "Contribution"
        case .contributionNote: "ROI: attributed GMV / the cost of the channel. Net GMV: attributed GMV less returns. Contribution: net GMV less the cost of goods kept, gifts and the cost of the channel. Orders count under the channel that first brought the viewer: this is attribution, not what switching the channel off would change."
        case .roiButLoss: "ROI looks positive, but the channel loses money after goods and returns (contribution below zero)."
        case .comparisonKPIs: "Measures side by side"
        case .difference: "Difference vs. first"
        case .multipleTestingNote: "Arrows mark differences whose 95% interval excludes zero. They are not corrected for testing many measures at once: with 30 measures, one or two arrows can appear by chance."
        case .pairedNote: "Differences are paired: every scenario ran on the same seeds (common random numbers)."
        case .concurrencyOverlay: "Concurrent viewers, scenario by scenario"
        case .probabilityBest: "Share of days it wins"
        case .probabilityBestNote: "The share of days (replications, each a stream on the same seeds for every plan) on which this plan has the best value, ties split — not the probability that its mean is the best."
        case .heatMap: "Objective over two parameters"
        case .lineOver: "Objective along one parameter"
        case .objective: "Objective"
        case .bestCell: "Best cell"
        case .rerunCI: "Re-run on fresh seeds, 95% interval"
        case .cell: "Cell"
        case .cells: "Cells"
        case .noTwoParameters: "The sweep varies one parameter: no heat map."
        case .noData: "No data"
        case .all: "All channels"
        case .p5p95Band: "5th–95th percentile across replications"
        case .oneStream: "one stream: P5–P95"
        case .season: "Season"
        case .seasonNote: "The figures above are the whole season's, its streams read as one; the minute charts show the season's average stream."
        case .seasonMeasures: "Season measures"
        case .gmvPerStream: "GMV per stream"
        case .stream: "Stream"
        case .buyerRetention: "Buyers coming back"
        case .buyerRetentionNote: "Of each stream's buyers, the share who came to the stream so many streams later (all streams pooled)."
        case .streamsLater: "Streams later"
        case .shareOfBuyers: "Share of buyers"
        case .valueByChannel: "Lifetime value and acquisition cost by channel"
        case .valueByChannelNote: "Per person first brought by the channel: season GMV net of returns, and the channel's cost over the season."
        case .lifetimeValue: "Lifetime value"
        case .acquisitionCost: "Acquisition cost"
        case .yuanPerPerson: "Yuan per person"
        }
    }

    var chinese: String {
        switch self {
        case .runTitle: "直播预测报告"
        case .comparisonTitle: "策略对比"
        case .sweepTitle: "参数扫描"
        case .scenario: "方案"
        case .seed: "随机种子"
        case .replications: "重复次数"
        case .generatedBy: "生成工具"
        case .keyFigures: "核心指标"
        case .allMeasures: "全部指标"
        case .kpi: "指标"
        case .mean: "均值"
        case .ci95: "均值的95%置信区间"
        case .p5: "单场：第5百分位"
        case .p95: "单场：第95百分位"
        case .ciNote: "均值的95%置信区间：多场直播的平均值所在范围。单场（P5–P95）：一场直播十次中有九次落在的范围。"
        case .bandNote: "阴影：各次重复的第5至第95百分位；线：均值。"
        case .concurrency: "直播全程在线人数"
        case .concurrencyNote: "阶段色带、促销与活动标记，红色为卡顿。"
        case .minute: "分钟"
        case .viewers: "人数"
        case .phases: "阶段"
        case .stall: "卡顿"
        case .flashSale: "秒杀"
        case .lottery: "抽奖"
        case .luckyBag: "福袋"
        case .quiz: "答题"
        case .soldOut: "售罄"
        case .event: "活动"
        case .entriesByChannel: "各渠道每分钟进入人次"
        case .entries: "进入人次"
        case .roomWeight: "直播间权重变化"
        case .roomWeightAxis: "直播间权重（1 = 参照直播间）"
        case .feedMultiplier: "推荐流量实际倍数变化"
        case .feedMultiplierAxis: "推荐流量实际倍数"
        case .feedMultiplierNote: "推荐流量实际采用的倍数（直播间权重的弹性次方，经上下限截断），按分钟取时间平均。1 = 推荐流量本身。"
        case .funnel: "转化漏斗"
        case .funnelNote: "柱长为均值；旁边为相对上一环节的比例。"
        case .funnelByChannel: "分渠道漏斗（占该渠道观看人次的比例）"
        case .shareOfViews: "占观看人次比例"
        case .gmvPerMinute: "各商品每分钟成交额"
        case .gmvCumulative: "各商品累计成交额"
        case .yuan: "元"
        case .stayDistribution: "停留时长分布"
        case .staySeconds: "停留时长（秒）"
        case .views: "观看人次"
        case .channelTable: "渠道"
        case .channel: "渠道"
        case .cost: "成本"
        case .roi: "渠道ROI"
        case .contribution: "渠道贡献"
        case .contributionNote: "渠道ROI：归因成交额 ÷ 渠道成本。净成交额：归因成交额减退货。渠道贡献：净成交额减未退货商品成本、赠品成本和渠道成本。订单计入首次带来该观众的渠道：这是归因，不等于关闭该渠道后的变化。"
        case .roiButLoss: "渠道ROI看似为正，但扣除商品成本和退货后该渠道亏损（渠道贡献为负）。"
        case .comparisonKPIs: "指标对比"
        case .difference: "与第一个方案的差异"
        case .multipleTestingNote: "箭头表示差异的95%区间不含零。未对同时检验多个指标做校正：30个指标中，偶然出现一两个箭头是可能的。"
        case .pairedNote: "差异为配对差异：所有方案使用相同的随机种子（公共随机数）。"
        case .concurrencyOverlay: "各方案在线人数对比"
        case .probabilityBest: "胜出天数占比"
        case .probabilityBestNote: "该方案在各天（每次重复为一场直播，所有方案使用相同随机种子）中取得最优值的比例，并列时均分；不是其均值最优的概率。"
        case .heatMap: "目标值随两个参数的变化"
        case .lineOver: "目标值随一个参数的变化"
        case .objective: "目标"
        case .bestCell: "最优组合"
        case .rerunCI: "换新种子重跑的95%区间"
        case .cell: "组合"
        case .cells: "组合数"
        case .noTwoParameters: "本次扫描只改变一个参数，无热力图。"
        case .noData: "无数据"
        case .all: "全部渠道"
        case .p5p95Band: "各次重复的第5至第95百分位"
        case .oneStream: "单场：P5–P95"
        case .season: "周期经营"
        case .seasonNote: "以上数字为整个周期的合计（各场合并计算）；分钟图表显示周期内的平均一场。"
        case .seasonMeasures: "周期指标"
        case .gmvPerStream: "每场成交额"
        case .stream: "场次"
        case .buyerRetention: "买家回访"
        case .buyerRetentionNote: "每场的买家中，在之后若干场回到直播间的比例（各场合并）。"
        case .streamsLater: "间隔场次"
        case .shareOfBuyers: "买家占比"
        case .valueByChannel: "各渠道客户终身价值与获客成本"
        case .valueByChannelNote: "按首次带来该客户的渠道计：人均周期净成交额，以及渠道在整个周期的成本。"
        case .lifetimeValue: "客户终身价值"
        case .acquisitionCost: "获客成本"
        case .yuanPerPerson: "元/人"
        }
    }
}
