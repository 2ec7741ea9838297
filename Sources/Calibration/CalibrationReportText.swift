import HTMLReport

/// The calibration report's words, in English and Chinese.
struct CalibrationReportText {
    let language: ReportLanguage

    private func pick(_ en: String, _ zh: String) -> String { language == .en ? en : zh }

    var title: String { pick("Calibration", "模型校准") }
    var streams: String { pick("Past streams", "历史场次") }
    var evaluations: String { pick("Evaluations", "评估次数") }
    var seed: String { pick("Seed", "随机种子") }
    var replications: String { pick("Replications per evaluation", "每次评估的重复次数") }
    var objective: String { pick("Objective at the estimates", "估计值处的目标函数") }
    var estimatesHeading: String { pick("Estimates and 95% intervals", "估计值与95%区间") }
    var estimatesNote: String {
        pick("Each interval is where the profile of the objective (the best fit with the other parameters free) stays within 3.84 of its minimum. \"Not identified\": the interval reaches a bound or covers more than half the range — the past streams do not pin this value (it may act only together with another parameter), or, where it says so, the budget ran out before its profile was found.",
             "区间为目标函数的剖面（其余参数自由取最优）与最小值相差不超过3.84的范围。“不可识别”：区间触及边界或覆盖一半以上的取值范围——历史数据无法确定该值（它可能只与另一参数共同起作用），或在注明处，预算在找到其剖面前已用完。")
    }
    var path: String { pick("Parameter", "参数") }
    var estimate: String { pick("Estimate", "估计值") }
    var interval: String { pick("95% interval", "95%区间") }
    var bounds: String { pick("Bounds", "取值范围") }
    var identified: String { pick("Identified", "可识别") }
    var yes: String { pick("yes", "是") }
    var no: String { pick("no", "否") }
    var noBudget: String { pick("no: too few evaluations (raise the budget)", "否：评估次数不足（请提高预算）") }
    var intervalsHeading: String { pick("Intervals within the bounds", "区间在取值范围中的位置") }
    var intervalsNote: String {
        pick("Each bar is the fitted range (logarithmic where the parameter is fitted on a log scale); the dark segment is the 95% interval, the dot the estimate.",
             "每条横条为拟合的取值范围（按对数刻度拟合的参数用对数刻度）；深色段为95%区间，圆点为估计值。")
    }
    var fitHeading: String { pick("Observed and simulated", "实际与模拟对比") }
    var fitNote: String {
        pick("The simulated mean and its P5–P95 band across the replications at the estimates, against the observed series. A series not among the targets is an out-of-sample check.",
             "估计值处各次重复模拟的均值及P5–P95区间，与实际序列对比。未列入拟合目标的序列可作样本外检验。")
    }
    var observed: String { pick("Observed", "实际") }
    var simulatedMean: String { pick("Simulated mean", "模拟均值") }
    var band: String { pick("Simulated P5–P95", "模拟P5–P95") }
    var minute: String { pick("Minute", "分钟") }
    var notTarget: String { pick("not a target", "非拟合目标") }
    var sensitivityHeading: String { pick("Which series pins which parameter", "各序列对参数的约束") }
    var sensitivityNote: String {
        pick("The rise of each series' scaled deviance as the parameter moves from the estimate to the ends of its interval (the profile points that bound it), averaged over both ends. Large: that series carries the evidence.",
             "参数从估计值移到区间端点（界定区间的剖面点）时，各序列缩放偏差的增幅（两端平均）。数值越大，该序列对该参数的约束越强。")
    }
    var series: String { pick("Series", "序列") }
    var objectiveHeading: String { pick("Objective over the evaluations", "各次评估的目标函数") }
    var objectiveNote: String {
        pick("log₁₀(1 + objective − minimum) of each evaluation in order: the Sobol start, the Nelder–Mead refinement, then the profiles.",
             "按顺序列出每次评估的 log₁₀(1 + 目标函数 − 最小值)：先是Sobol初始设计，然后是Nelder–Mead局部优化，最后是剖面。")
    }
    var evaluation: String { pick("Evaluation", "评估序号") }
    var bestSoFar: String { pick("Best so far", "当前最优") }
    var each: String { pick("Each evaluation", "每次评估") }
    var noData: String { pick("No data", "无数据") }
    var method: String { pick("Method", "方法") }
    var methodText: String {
        pick("Objective: every stream's per-minute Poisson deviance per series, scaled by that series' dispersion (the larger of the simulated and observed, times its autocorrelation factor), summed; common random numbers across evaluations. Search: Sobol start, Nelder–Mead, then profiles.",
             "目标函数：各场次各序列逐分钟的泊松偏差，除以该序列的离散度（模拟与实际离散度中较大者，乘以自相关因子）后求和；各次评估使用公共随机数。搜索：Sobol初始设计、Nelder–Mead局部优化，然后逐参数剖面。")
    }

    func seriesName(_ key: String) -> String {
        switch (key, language) {
        case ("concurrentViewers", .zh): "在线人数"
        case ("entries", .zh): "进入人数"
        case ("exits", .zh): "离开人数"
        case ("interactions", .zh): "互动次数"
        case ("productClicks", .zh): "商品点击"
        case ("orders", .zh): "订单数"
        case ("gmvYuan", .zh): "成交金额（元）"
        case ("concurrentViewers", _): "Concurrent viewers"
        case ("entries", _): "Entries"
        case ("exits", _): "Exits"
        case ("interactions", _): "Interactions"
        case ("productClicks", _): "Product clicks"
        case ("orders", _): "Orders"
        case ("gmvYuan", _): "GMV (yuan)"
        default: key
        }
    }
}
