import Foundation

/// The purchase decision of a click (Docs/model.md), as a pure function of
/// what the viewer is offered: the best offer's unit price against the
/// viewer's willingness to pay, urgency and scarcity, a bundle's commitment,
/// a gift, a full reduction (the basket raised to reach it), a season's
/// perks. Every reduction acts through one price term, as a price cut per
/// unit. Stock and the checkout funnel come after, in the run.
struct PurchaseDecision {
    /// The quote as it would be bought: units raised to reach a full
    /// reduction, the reduction dropped when the basket falls short.
    let quote: OfferBook.Quote
    /// Yuan the order would be: every reduction and perk taken off.
    let amountYuan: Double
    /// Yuan a season's perks take off (member discount, coupon).
    let perkDiscountYuan: Double
    /// Yuan of a retargeting coupon redeemed (part of `perkDiscountYuan`).
    let couponYuan: Double
    /// The purchase log-odds.
    let logOdds: Double
    /// The part of `logOdds` that persuasion brought: `persuasionBase`
    /// (a pending draw, the engagement of an interacting viewer) plus the
    /// urgency and scarcity terms. Returns rise with it (Docs/model.md).
    let persuasionLogOdds: Double

    /// - Parameters:
    ///   - baseLogOdds: the viewer's purchase logit with the segment's shift
    ///     and the trust endorsements, before any price.
    ///   - referencePriceYuan: the product's reference price.
    ///   - perks: a season's perks the viewer holds (nil: none).
    ///   - basketDraw: the uniform that decides whether a buyer short of a
    ///     full reduction's threshold adds units to reach it.
    ///   - persuasionBase: the persuasion part of `baseLogOdds`.
    @inline(__always)
    init(model: BehaviourModel, offers: OfferBook, quote: OfferBook.Quote, product p: Int, traits: ViewerTraits,
         baseLogOdds: Double, referencePriceYuan reference: Double, perks: VisitPerks?, basketDraw uBasket: Double,
         persuasionBase: Double = 0) {
        let e = model.effects
        var quote = quote
        let urgency = Double(traits.urgencyResponse) / 0.5
        var logOdds = baseLogOdds + model.priceTerm(traits, priceYuan: quote.unitPriceYuan, referencePriceYuan: reference)
        // Urgency and scarcity are added to both, term by term, so `logOdds`
        // is summed exactly as before.
        var persuasion = persuasionBase
        // Offers are read field by field: copying one would copy its strings.
        if quote.priceOffer >= 0 {
            if offers.entries[quote.priceOffer].offer.isTimeLimited {
                let term = e.urgencyOnPurchase * urgency
                logOdds += term
                persuasion += term
            }
            if offers.entries[quote.priceOffer].offer.units != nil {
                let term = e.scarcityOnPurchase * urgency * offers.soldShare(quote.priceOffer)
                logOdds += term
                persuasion += term
            }
            if quote.units > 1 { logOdds -= e.bundleCommitmentOnPurchase * log(Double(quote.units)) }
        }
        if quote.gift >= 0 {
            logOdds += model.priceCutTerm(traits, cutYuan: offers.entries[quote.gift].offer.giftValueYuan, referencePriceYuan: reference)
            if offers.entries[quote.gift].offer.units != nil {
                let term = e.scarcityOnPurchase * urgency * offers.soldShare(quote.gift)
                logOdds += term
                persuasion += term
            }
        }
        var amount = quote.unitPriceYuan * Double(quote.units)
        if quote.fullReduction >= 0 {
            let thresholdYuan = offers.entries[quote.fullReduction].offer.thresholdYuan
            let reductionYuan = offers.entries[quote.fullReduction].offer.reductionYuan
            // A buyer short of the threshold may add units to reach it (basket size).
            if amount < thresholdYuan && quote.units == 1 && uBasket < e.fullReductionTakeUp {
                let needed = Int((thresholdYuan / quote.unitPriceYuan).rounded(.up))
                if needed <= 5 && (offers.remainingUnits(quote.priceOffer) ?? needed) >= needed {
                    quote.units = needed
                    amount = quote.unitPriceYuan * Double(needed)
                }
            }
            if amount >= thresholdYuan {
                logOdds += model.priceCutTerm(traits, cutYuan: reductionYuan / Double(quote.units), referencePriceYuan: reference)
                amount -= reductionYuan
            } else {
                quote.fullReduction = -1
            }
        }
        var perkDiscount = 0.0, couponYuan = 0.0
        if let perks {
            // The reminder's boost on its product; the member discount and a
            // coupon, each a price cut per unit.
            if perks.remindedProduct == p { logOdds += perks.reminderLogitBoost }
            let units = Double(quote.units)
            if perks.discountRate > 0 {
                let cut = quote.unitPriceYuan * perks.discountRate
                logOdds += model.priceCutTerm(traits, cutYuan: cut, referencePriceYuan: reference)
                perkDiscount += cut * units
            }
            let due = amount - perkDiscount
            if perks.couponValueYuan > 0 && due >= perks.couponThresholdYuan {
                let value = min(perks.couponValueYuan, due)
                logOdds += model.priceCutTerm(traits, cutYuan: value / units, referencePriceYuan: reference)
                perkDiscount += value
                couponYuan = value
            }
        }
        self.quote = quote
        amountYuan = amount - perkDiscount
        perkDiscountYuan = perkDiscount
        self.couponYuan = couponYuan
        self.logOdds = logOdds
        persuasionLogOdds = persuasion
    }

    /// The probability that the viewer decides to buy.
    var probability: Double { logistic(logOdds) }

    /// The offer an order is booked under: the price offer, else the gift,
    /// else the full reduction; −1 at list price.
    var offer: Int { quote.priceOffer >= 0 ? quote.priceOffer : quote.gift >= 0 ? quote.gift : quote.fullReduction }
}
