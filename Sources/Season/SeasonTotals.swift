import Audience
import SimCore

extension SeasonResult {
    /// The stream KPIs of the whole season, read as one long stream: counts
    /// and yuan summed over the streams; unique viewers and buyers are
    /// people (each counted once in the season); peak concurrency is the
    /// highest stream's, average concurrency the mean over the streams;
    /// stays pool every view; rates are recomputed from the totals (the
    /// interaction, follow and fission rates over people).
    ///
    /// So every table of a season folder (one row set per stream) adds up to
    /// these figures as a stream's tables add up to its KPIs, and a season
    /// compares, sweeps and ranks like a stream.
    public var totalKPIs: KPIValues {
        func sum(_ k: KPI) -> Double { streams.reduce(0) { $0 + ($1.kpis[k] ?? 0) } }
        func ratio(_ a: Double, _ b: Double) -> Double? { b == 0 ? nil : a / b }
        var t = KPIValues()
        let views = sum(.views), people = kpis[.people] ?? 0, buyers = kpis[.seasonBuyers] ?? 0
        let clicks = sum(.productClicks), exposures = sum(.productExposures), orders = sum(.orders)
        let gmv = sum(.gmvYuan), cost = sum(.costYuan)
        t[.views] = views
        t[.uniqueViewers] = people
        t[.peakConcurrent] = streams.compactMap { $0.kpis[.peakConcurrent] }.max()
        let averages = streams.compactMap { $0.kpis[.averageConcurrent] }
        t[.averageConcurrent] = averages.isEmpty ? nil : averages.reduce(0, +) / Double(averages.count)
        let totalStay = streams.reduce(0) { $0 + ($1.kpis[.averageStaySeconds] ?? 0) * ($1.kpis[.views] ?? 0) }
        t[.averageStaySeconds] = ratio(totalStay, views)
        if var stays = streams.first?.stays {
            for s in streams.dropFirst() { stays.merge(s.stays) }
            t[.medianStaySeconds] = stays.quantile(0.5)
            t[.p90StaySeconds] = stays.quantile(0.9)
        }
        let interacted = streams.reduce(0) { $0 + (($1.kpis[.interactionRate] ?? 0) * ($1.kpis[.uniqueViewers] ?? 0)).rounded() }
        t[.interactions] = sum(.interactions)
        t[.interactionRate] = ratio(interacted, people)
        t[.productExposures] = exposures
        t[.productClicks] = clicks
        t[.clickThroughRate] = ratio(clicks, exposures)
        t[.orders] = orders
        t[.buyers] = buyers
        t[.conversionRate] = ratio(buyers, people)
        t[.clickToOrderRate] = ratio(orders, clicks)
        t[.gmvYuan] = gmv
        t[.averageOrderValueYuan] = ratio(gmv, buyers)
        t[.gpmYuan] = ratio(1000 * gmv, views)
        t[.newFollows] = sum(.newFollows)
        t[.followRate] = ratio(sum(.newFollows), people)
        t[.shares] = sum(.shares)
        t[.shareArrivals] = sum(.shareArrivals)
        t[.fissionCoefficient] = ratio(sum(.shareArrivals), people)
        t[.returns] = sum(.returns)
        t[.netGmvYuan] = sum(.netGmvYuan)
        t[.costYuan] = cost
        t[.profitYuan] = sum(.profitYuan)
        t[.roi] = ratio(gmv, cost)
        t[.lostSalesUnits] = sum(.lostSalesUnits)
        t[.lostSalesYuan] = sum(.lostSalesYuan)
        return t
    }
}
