import JSON
import Audience

/// The scenario file format (FORMATS.md), as a ``SchemaNode`` tree whose
/// defaults come from the model's own default values, so they are stated once.
public enum ScenarioSchema {
    /// The root of a scenario file.
    public static let root: SchemaNode = .object(.init(properties: [
        .init(name: "name", node: .string, description: "Scenario name, used in output folder names."),
        .init(name: "description", node: .string, description: "Free text for people."),
        .init(name: "extends", node: .string, description: "Parent scenario file, relative to this one; maps merge key by key, lists and scalars replace."),
        .init(name: "seed", node: .integer(.init(minimum: 0, maximum: Double(ScenarioLoader.maximumSeed))), description: "Master seed; `--seed` overrides it."),
        .init(name: "replications", node: .integer(.init(minimum: 1, maximum: 100_000)), description: "Independent replications; `--replications` overrides it."),
        .init(name: "stream", node: stream, description: "The stream's length and tick."),
        .init(name: "host", node: host, description: "The host (主播): attributes from 0 to 1, 0.5 the reference."),
        .init(name: "viewers", node: viewers, description: "The reference viewer, effect sizes and segments (MODEL.md §3)."),
        .init(name: "channels", node: channels, description: "Acquisition channels; an absent channel brings nobody."),
        .init(name: "products", node: .array(product), description: "Products on sale."),
        .init(name: "runOfShow", node: .array(featuredWindow), description: "Which product is featured (讲解) when."),
        .init(name: "hostSchedule", node: .array(hostShift), description: "Other hosts for windows (host switches)."),
        .init(name: "guests", node: .array(guest), description: "Guests (brand founder, expert) for windows: more content value."),
        .init(name: "events", node: .array(event), description: "Interactive events: lottery, luckyBag, quiz, demonstration."),
        .init(name: "streamQuality", node: streamQuality, description: "Real-time delivery: stalls, rebuffering, start-up delay, latency (absent: perfect).", nullable: true),
        .init(name: "roomWeight", node: roomWeight, description: "Platform feedback: engagement → room weight → feed arrivals (absent: off).", nullable: true),
        .init(name: "promotions", node: .array(phase), description: "Promotion phases and their offers (staged pricing)."),
        .init(name: "trust", node: trust, description: "Trust endorsements (absent: none).", nullable: true),
        .init(name: "checkout", node: checkout, description: "The checkout funnel (absent: every decided buyer pays).", nullable: true),
        .init(name: "returns", node: returns, description: "Returns after the stream (absent: none).", nullable: true),
        .init(name: "season", node: season, description: "A season: this stream on a calendar over one persistent population, with retention actions (absent: one stream).", nullable: true),
    ], prototype: JSONValue.encoding(ScenarioDocument())))

    // MARK: Building blocks

    static func at(least low: Double) -> SchemaNode.NumberRange { .init(minimum: low) }
    static let nonNegative = SchemaNode.number(.init(minimum: 0))
    static let positive = SchemaNode.number(.init(minimum: 0, exclusiveMinimum: true))
    static let probability = SchemaNode.number(.init(minimum: 0, maximum: 1))
    static let shift = SchemaNode.number(.init(minimum: -10, maximum: 10))
    static let minute = SchemaNode.number(.init(minimum: 0, maximum: StreamConfiguration.maximumDurationMinutes))
    static let segmentMix = SchemaNode.weights

    static func prop(_ name: String, _ node: SchemaNode, _ description: String, nullable: Bool = false) -> SchemaNode.Property {
        .init(name: name, node: node, description: description, nullable: nullable)
    }

    static let mixDescription = "Segment shares of this channel's arrivals, by segment name (normalised)."

    // MARK: Sections

    static let stream: SchemaNode = .object(.init(properties: [
        prop("durationMinutes", .number(.init(minimum: 0, maximum: StreamConfiguration.maximumDurationMinutes, exclusiveMinimum: true)),
             "Stream length in minutes (at most 1,440)."),
        prop("tickSeconds", .number(.init(minimum: 0, maximum: 3600, exclusiveMinimum: true)), "Period of the stream-wide tick (room weight, series)."),
    ], prototype: JSONValue.encoding(ScenarioDocument.StreamSettings())))

    static let host: SchemaNode = .object(.init(properties: [
        prop("name", .string, "The host's name."),
        prop("professionalism", probability, "Product knowledge: raises product clicks."),
        prop("charisma", probability, "Raises interaction."),
        prop("responsiveness", probability, "Answers comments: raises interaction."),
        prop("sincerity", probability, "Lends trust: raises purchase."),
    ], prototype: JSONValue.encoding(Host())))

    static let segment: SchemaNode = .object(.init(properties: [
        prop("priceSensitivity", probability, "Weight of price in the purchase decision (median of the segment)."),
        prop("interest", probability, "Interest match with the room's products."),
        prop("trust", probability, "Trust in the room."),
        prop("patience", probability, "Patient viewers leave more slowly."),
        prop("sociability", probability, "Drives interaction and sharing."),
        prop("urgencyResponse", probability, "Response to countdowns and scarcity."),
        prop("willingnessToPay", positive, "Mean willingness-to-pay multiplier on a product's reference price."),
    ], prototype: JSONValue.encoding(Segment())))

    static let weights: SchemaNode = .object(.init(properties: [
        prop("professionalism", nonNegative, "Weight in hostQuality."),
        prop("charisma", nonNegative, "Weight in hostQuality."),
        prop("responsiveness", nonNegative, "Weight in hostQuality."),
        prop("sincerity", nonNegative, "Weight in hostQuality."),
    ], prototype: JSONValue.encoding(HostQualityWeights())))

    static let effects: SchemaNode = .object(.init(properties: [
        prop("hostQualityOnStay", .number(.init()), "Leave hazard × exp(−a·(hostQuality − 0.5))."),
        prop("interestOnStay", .number(.init()), "Leave hazard × exp(−b·(interest·contentValue − 0.5))."),
        prop("patienceOnStay", .number(.init()), "Leave hazard × exp(−p·(patience − 0.5))."),
        prop("charismaOnInteraction", .number(.init()), "Interaction rate × exp(c·(charisma − 0.5))."),
        prop("responsivenessOnInteraction", .number(.init()), "Interaction rate × exp(r·(responsiveness − 0.5))."),
        prop("sociabilityOnInteraction", .number(.init()), "Interaction rate × exp(s·(sociability − 0.5))."),
        prop("hostQualityOnFollow", .number(.init()), "Follow log-odds + h·(hostQuality − 0.5)."),
        prop("trustOnFollow", .number(.init()), "Follow log-odds + t·(trust − 0.5)."),
        prop("interestOnClick", .number(.init()), "Click rate × exp(i·(interest − 0.5))."),
        prop("professionalismOnClick", .number(.init()), "Click rate × exp(p·(professionalism − 0.5))."),
        prop("interestOnPurchase", .number(.init()), "Purchase log-odds + α·(interest − 0.5)."),
        prop("priceOnPurchase", .number(.init()), "Purchase log-odds + γ·(priceSensitivity/0.5)·(wtp·ref − price)/ref."),
        prop("trustOnPurchase", .number(.init()), "Purchase log-odds + t·(trust − 0.5)."),
        prop("sincerityOnPurchase", .number(.init()), "Purchase log-odds + s·(host sincerity − 0.5)."),
        prop("sociabilityOnShare", .number(.init()), "Share rate × exp(s·(sociability − 0.5))."),
        prop("hostQualityOnShare", .number(.init()), "Share rate × exp(h·(hostQuality − 0.5))."),
        prop("pendingIncentiveOnStay", .number(.init()), "Leave × exp(−c·pendingIncentive·(priceSensitivity + urgencyResponse))."),
        prop("drawOnInteraction", .number(.init()), "Interaction rate × exp(this) while a draw is pending."),
        prop("commentRequirementOnInteraction", .number(.init()), "Further × exp(this) when the draw requires a comment (and for quizzes)."),
        prop("followRequirementOnFollow", .number(.init()), "Follow log-odds + this while a draw requiring a follow is pending."),
        prop("drawOnPurchase", .number(.init()), "Purchase log-odds + this while a draw is pending."),
        prop("urgencyOnPurchase", .number(.init()), "Purchase log-odds + this·urgencyResponse/0.5 for a time-limited offer."),
        prop("scarcityOnPurchase", .number(.init()), "Purchase log-odds + this·urgencyResponse/0.5·share of limited units sold."),
        prop("promotionOnClick", .number(.init()), "Click rate × exp(this) while an offer runs on the featured product."),
        prop("bundleCommitmentOnPurchase", .number(.init()), "Purchase log-odds − this·ln(units) for a bundle."),
        prop("fullReductionTakeUp", probability, "Probability a buyer short of a full-reduction threshold adds units to reach it."),
        prop("lostSaleOnStay", .number(.init()), "Leave hazard × exp(this) after finding no stock."),
    ], prototype: JSONValue.encoding(BehaviourEffects())))

    static let viewers: SchemaNode = .object(.init(properties: [
        prop("meanStaySecondsAtReference", positive, "Mean time in room of the reference viewer, without boredom."),
        prop("interactionsPerMinuteAtReference", nonNegative, "Comments and likes per minute of the reference viewer."),
        prop("clicksPerMinuteAtReference", nonNegative, "Product clicks per minute while a product is featured."),
        prop("clickToOrderAtReference", .number(.init(minimum: 0, maximum: 1, exclusiveMinimum: true)), "Probability that a click becomes an order at list price."),
        prop("sharesPerMinuteAtReference", nonNegative, "Shares per minute of the reference viewer."),
        prop("followPerInteractionAtReference", probability, "Probability that an interaction comes with a follow."),
        prop("reentryProbability", probability, "Probability that a leaver comes back later in the stream."),
        prop("reentryDelayMinutes", positive, "Mean delay before a re-entry."),
        prop("boredom", .boolean, "Whether the leave hazard grows (saturating) with time in room."),
        prop("boredomMaxMultiplier", .number(.init(minimum: 1)), "Limit of the boredom multiplier on the leave hazard."),
        prop("boredomTimeConstantSeconds", positive, "Time constant of boredom."),
        prop("traitSpread", nonNegative, "Spread of traits around segment medians, on the logit scale."),
        prop("willingnessToPayVariation", nonNegative, "Coefficient of variation of willingness to pay."),
        prop("hostQualityWeights", weights, "Weights of the host attributes in hostQuality."),
        prop("segments", .map(segment), "Segments by name; given ones merge with the four defaults."),
        prop("effects", effects, "Effect sizes (log-rate or log-odds per unit away from 0.5)."),
    ], prototype: JSONValue.encoding(ViewerBehaviour())))

    static let boost: SchemaNode = .object(.init(properties: [
        prop("fromMinute", minute, "Start of the boost window."),
        prop("toMinute", minute, "End of the boost window."),
        prop("budgetYuan", nonNegative, "Spend; buys budget / CPM × 1000 impressions."),
        prop("cpmYuan", positive, "Price of 1,000 impressions."),
    ], required: ["fromMinute", "toMinute", "budgetYuan", "cpmYuan"],
       prototype: JSONValue.encoding(FeedBoost(fromMinute: 0, toMinute: 0, budgetYuan: 0, cpmYuan: 0))))

    static let feed: SchemaNode = .object(.init(properties: [
        prop("impressionsPerMinute", nonNegative, "Organic impressions of the room's cover per minute."),
        prop("coverClickThrough", probability, "Share of impressions that enter the room."),
        prop("targetingPrecision", probability, "0.5 neutral; higher brings viewers of higher interest."),
        prop("roomWeightElasticity", nonNegative, "Exponent of the room-weight multiplier on feed arrivals."),
        prop("segmentMix", segmentMix, mixDescription),
        prop("boosts", .array(boost), "Paid boosts (投流) in time windows."),
    ], prototype: JSONValue.encoding(FeedChannel())))

    static let followers: SchemaNode = .object(.init(properties: [
        prop("pool", nonNegative, "Followers pushed at the start (fan-group members included)."),
        prop("openRate", probability, "Share of regular followers who open the push."),
        prop("fanGroupMembers", nonNegative, "Fan-group (private domain) members."),
        prop("fanGroupOpenRate", probability, "Share of fan-group members who open."),
        prop("meanDelayMinutes", positive, "Mean delay from the push to arrival."),
        prop("intentShift", shift, "Interest shift of followers (logit)."),
        prop("trustShift", shift, "Trust shift of followers (logit)."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(FollowersChannel())))

    static let partner: SchemaNode = .object(.init(properties: [
        prop("name", .string, "Partner name (a row of channels.csv)."),
        prop("postMinute", minute, "When the post goes out."),
        prop("audience", nonNegative, "The partner's audience."),
        prop("engagement", probability, "Share of the audience who see and engage with the post."),
        prop("clickThrough", probability, "Share of those who click into the room."),
        prop("decayMinutes", positive, "Time constant of the arrival burst."),
        prop("feeYuan", nonNegative, "Fixed fee."),
        prop("commissionRate", probability, "Commission on the GMV of the viewers it brought."),
        prop("trustBoost", shift, "Purchase log-odds added for the viewers it brought."),
        prop("segmentMix", segmentMix, mixDescription),
    ], required: ["name"], prototype: JSONValue.encoding(PartnerChannel(name: ""))))

    static let shortVideo: SchemaNode = .object(.init(properties: [
        prop("reservations", nonNegative, "Reservations made by warm-up videos (短视频预热)."),
        prop("showRate", probability, "Share of reservations who come."),
        prop("decayMinutes", positive, "Time constant of their arrivals from the start."),
        prop("costYuan", nonNegative, "Production cost."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(ShortVideoChannel())))

    static let search: SchemaNode = .object(.init(properties: [
        prop("perMinute", nonNegative, "Arrivals per minute."),
        prop("intentShift", shift, "Interest shift (logit)."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(SearchChannel())))

    static let offlineAds: SchemaNode = .object(.init(properties: [
        prop("perMinute", nonNegative, "Arrivals per minute during the campaign."),
        prop("fromMinute", minute, "Campaign start."),
        prop("toMinute", minute, "Campaign end (default: the stream's end).", nullable: true),
        prop("costYuan", nonNegative, "Fixed cost."),
        prop("intentShift", shift, "Interest shift (logit)."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(OfflineAdsChannel())))

    static let share: SchemaNode = .object(.init(properties: [
        prop("inviteesPerShare", nonNegative, "Mean invitees per share (Poisson); the cascade must stay subcritical."),
        prop("meanDelayMinutes", positive, "Mean delay from a share to an invitee's arrival."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(ShareChannel())))

    static let channels: SchemaNode = .object(.init(properties: [
        prop("feed", feed, "站内推荐: recommendation feed.", nullable: true),
        prop("followers", followers, "粉丝/私域: push to followers at the start.", nullable: true),
        prop("kol", .array(partner), "KOL posts."),
        prop("koc", .array(partner), "KOC posts."),
        prop("shortVideo", shortVideo, "短视频预热: warm-up reservations.", nullable: true),
        prop("search", search, "Search: steady, high intent.", nullable: true),
        prop("offlineAds", offlineAds, "线下广告: QR codes and billboards.", nullable: true),
        prop("crossBrand", .array(partner), "跨界合作: cross-brand partners."),
        prop("share", share, "裂变: invitees brought by viewers' shares.", nullable: true),
    ], prototype: JSONValue.encoding(Channels())))

    static let product: SchemaNode = .object(.init(properties: [
        prop("id", .string, "Identifier used by the run of show and result files."),
        prop("name", .string, "Display name (default: the id)."),
        prop("category", .string, "Category."),
        prop("referencePriceYuan", positive, "List price: the reference for willingness to pay."),
        prop("priceYuan", positive, "Selling price outside offers (default: the list price).", nullable: true),
        prop("unitCostYuan", nonNegative, "Cost of goods per unit."),
        prop("inventory", .integer(at(least: 0)), "Units in stock (default: unlimited).", nullable: true),
        prop("consumptionCycleDays", positive, "Days a unit lasts a buyer: seasons remind buyers when it has passed (default: no reminders).", nullable: true),
    ], required: ["id", "referencePriceYuan"], prototype: JSONValue.encoding(Product(id: "", name: "", referencePriceYuan: 0))))

    static let hostShift: SchemaNode = .object(.init(properties: [
        prop("name", .string, "The host on air in this window."),
        prop("fromMinute", minute, "Start of the window."),
        prop("toMinute", minute, "End of the window."),
        prop("professionalism", probability, "Product knowledge: raises product clicks."),
        prop("charisma", probability, "Raises interaction."),
        prop("responsiveness", probability, "Raises interaction."),
        prop("sincerity", probability, "Raises purchase."),
    ], required: ["fromMinute", "toMinute"], prototype: JSONValue.encoding(HostShift())))

    static let guest: SchemaNode = .object(.init(properties: [
        prop("name", .string, "Who (brand founder, expert)."),
        prop("fromMinute", minute, "Start of the appearance."),
        prop("toMinute", minute, "End of the appearance."),
        prop("contentBoost", nonNegative, "Added to the content value (1 without guests): viewers stay longer."),
        prop("trustBoost", shift, "Purchase log-odds added while on."),
        prop("feeYuan", nonNegative, "Appearance fee (in costYuan)."),
    ], required: ["fromMinute", "toMinute"], prototype: JSONValue.encoding(Guest())))

    static let event: SchemaNode = .object(.init(properties: [
        prop("type", .enumeration(InteractiveEvent.Kind.allCases.map(\.rawValue)), "lottery, luckyBag, quiz or demonstration."),
        prop("name", .string, "A label."),
        prop("announceMinute", minute, "Draws: when the reward is announced (default: 10 minutes before the draw).", nullable: true),
        prop("drawMinute", minute, "Draws: when winners are drawn.", nullable: true),
        prop("fromMinute", minute, "Demonstration: start.", nullable: true),
        prop("toMinute", minute, "Demonstration: end.", nullable: true),
        prop("winners", .integer(at(least: 0)), "Draws: number of winners."),
        prop("prizeValueYuan", nonNegative, "Draws: cost of each prize (in costYuan)."),
        prop("requiresFollow", .boolean, "Draws: taking part requires a follow."),
        prop("requiresComment", .boolean, "Draws: taking part requires a comment."),
        prop("incentive", nonNegative, "Strength of the pending incentive (default 1 lucky bag, 0.8 lottery, 0.6 quiz).", nullable: true),
        prop("interestBoost", probability, "Demonstration: interest added for the featured product."),
        prop("category", .string, "Demonstration: only products of this category.", nullable: true),
        prop("costYuan", nonNegative, "Fixed cost (in costYuan)."),
    ], required: ["type"], prototype: JSONValue.encoding(InteractiveEvent(type: .lottery))))

    static let streamQuality: SchemaNode = .object(.init(properties: [
        prop("stallsPerHour", nonNegative, "Stall incidents per hour: the broadcast freezes for everyone."),
        prop("stallSeconds", positive, "Mean stall duration."),
        prop("rebufferRatio", probability, "Mean share of each viewer's watch time spent rebuffering (their network)."),
        prop("startupDelaySeconds", nonNegative, "Start-up delay; beyond the grace period arrivals abandon."),
        prop("latencySeconds", nonNegative, "Glass-to-glass latency: lowers the value of quizzes."),
        prop("rebufferLeaveSlope", nonNegative, "Leave × (1 + slope · ratio); 5.26: 1% rebuffering ≈ 5% less watch time."),
        prop("abandonmentPerSecond", probability, "Arrivals abandoning per second of delay beyond the grace (5.8%)."),
        prop("startupGraceSeconds", nonNegative, "Delay viewers tolerate (2 s)."),
        prop("stallLeaveEffect", shift, "Leave hazard × exp(this) while stalled."),
        prop("latencyScaleSeconds", positive, "A quiz's incentive × exp(−latency / this)."),
    ], prototype: JSONValue.encoding(StreamQuality())))

    static let roomWeight: SchemaNode = .object(.init(properties: [
        prop("smoothing", .number(.init(minimum: 0, maximum: 1, exclusiveMinimum: true)), "Share of each tick's score in the weight."),
        prop("minimumMultiplier", positive, "Lower clamp of the feed multiplier."),
        prop("maximumMultiplier", .number(.init(minimum: 1)), "Upper clamp of the feed multiplier."),
        prop("interactionWeight", nonNegative, "Weight of interactions per viewer-minute in the score."),
        prop("orderWeight", nonNegative, "Weight of orders per viewer-minute."),
        prop("stayWeight", nonNegative, "Weight of the average stay of recent leavers."),
        prop("entryStayWeight", nonNegative, "Weight of the share of leavers who stayed 30 s."),
    ], prototype: JSONValue.encoding(RoomWeightSettings())))

    static let offer: SchemaNode = .object(.init(properties: [
        prop("id", .string, "Offer id (default: <phase name>.<index>).", nullable: true),
        prop("type", .enumeration(Offer.Kind.allCases.map(\.rawValue)), "livePrice, limitedTimeDiscount, fullReduction, gift, flashSale or bundle."),
        prop("product", .string, "The product (a fullReduction without one applies to all).", nullable: true),
        prop("priceYuan", positive, "Live price, flash-sale price, or the bundle's total price.", nullable: true),
        prop("discountRate", probability, "limitedTimeDiscount: share off the selling price.", nullable: true),
        prop("units", .integer(at(least: 0)), "Units at this offer (default: unlimited).", nullable: true),
        prop("fromMinute", minute, "Start within the phase (default: the phase's).", nullable: true),
        prop("toMinute", minute, "End within the phase (default: the phase's).", nullable: true),
        prop("announceMinutes", nonNegative, "flashSale, limitedTimeDiscount: countdown before the start."),
        prop("incentive", nonNegative, "Countdown incentive (default 0.8 flash sale, 0.4 discount).", nullable: true),
        prop("thresholdYuan", nonNegative, "fullReduction: spend at least this..."),
        prop("reductionYuan", nonNegative, "...and get this off."),
        prop("giftValueYuan", nonNegative, "gift: what the buyer feels it is worth."),
        prop("giftCostYuan", nonNegative, "gift: what each gift costs (in costYuan)."),
        prop("bundleUnits", .integer(.init(minimum: 1, maximum: 100)), "bundle: units in one bundle."),
    ], required: ["type"], prototype: JSONValue.encoding(Offer(type: .livePrice))))

    static let phase: SchemaNode = .object(.init(properties: [
        prop("name", .string, "Phase name (a row of phases.csv)."),
        prop("fromMinute", minute, "Start."),
        prop("toMinute", minute, "End."),
        prop("offers", .array(offer), "The phase's offers."),
    ], required: ["name", "fromMinute", "toMinute"], prototype: JSONValue.encoding(PromotionPhase(name: ""))))

    static let trust: SchemaNode = .object(.init(properties: [
        prop("brandAuthorization", .boolean, "Brand authorization shown."),
        prop("authenticityGuarantee", .boolean, "Authenticity guarantee."),
        prop("sevenDayReturns", .boolean, "7-day no-reason returns: converts better, returns more."),
        prop("liveReviews", .boolean, "Live display of reviews."),
        prop("brandAuthorizationEffect", shift, "Purchase log-odds (× (1.5 − trust))."),
        prop("authenticityGuaranteeEffect", shift, "Purchase log-odds (× (1.5 − trust))."),
        prop("sevenDayReturnsEffect", shift, "Purchase log-odds (× (1.5 − trust))."),
        prop("liveReviewsEffect", shift, "Purchase log-odds (× (1.5 − trust))."),
    ], prototype: JSONValue.encoding(TrustSettings())))

    static let checkout: SchemaNode = .object(.init(properties: [
        prop("steps", .integer(.init(minimum: 0, maximum: 20)), "Checkout steps."),
        prop("dropOffPerStep", probability, "Share of buyers lost at each step."),
        prop("paymentSuccess", probability, "Share of payments that succeed."),
    ], prototype: JSONValue.encoding(CheckoutSettings())))

    static let returns: SchemaNode = .object(.init(properties: [
        prop("baseRate", probability, "Return probability of a reference order at list price."),
        prop("discountDepthEffect", .number(.init()), "Log-odds per unit of discount depth."),
        prop("impulseEffect", .number(.init()), "Log-odds per unit of (urgencyResponse − 0.5)·2."),
        prop("sevenDayReturnsEffect", .number(.init()), "Log-odds added with 7-day no-reason returns."),
        prop("meanDelayDays", positive, "Mean days from the stream's end to a return."),
    ], prototype: JSONValue.encoding(ReturnSettings())))

    static let featuredWindow: SchemaNode = .object(.init(properties: [
        prop("product", .string, "A product id."),
        prop("fromMinute", minute, "Start of the window."),
        prop("toMinute", minute, "End of the window."),
    ], required: ["product", "fromMinute", "toMinute"], prototype: JSONValue.encoding(FeaturedWindow(product: "", fromMinute: 0, toMinute: 0))))

    // MARK: Seasons

    static let population: SchemaNode = .object(.init(properties: [
        prop("organicReturnProbability", probability, "Chance per stream that a past viewer who does not follow comes back unprompted."),
        prop("churnPerStream", probability, "Chance per stream that a person stops coming for good."),
        prop("churnBySegment", .map(probability), "Churn per stream by segment (others use churnPerStream)."),
        prop("meanReturnDelayMinutes", positive, "Mean minutes from a stream's start to a returning person's arrival."),
    ], prototype: JSONValue.encoding(PopulationSettings())))

    static let fanGroups: SchemaNode = .object(.init(properties: [
        prop("joinProbabilityOnFollow", probability, "Chance that a follow comes with joining the fan group."),
        prop("joinProbabilityOnOrder", probability, "Chance that a buyer who follows joins the fan group."),
    ], prototype: JSONValue.encoding(FanGroupSettings())))

    static let memberLevel: SchemaNode = .object(.init(properties: [
        prop("name", .string, "Level name."),
        prop("minimumPoints", nonNegative, "Points from which a member has this level (0 for the first)."),
        prop("discountRate", .number(.init(minimum: 0, maximum: 0.9)), "Share off every price."),
        prop("purchaseLogitBoost", shift, "Purchase log-odds added."),
        prop("returnMultiplier", nonNegative, "Multiplies the chance to come back to a stream."),
    ], required: ["name", "minimumPoints"], prototype: JSONValue.encoding(MemberLevel(name: "", minimumPoints: 0))))

    static let membership: SchemaNode = .object(.init(properties: [
        prop("pointsPerYuan", nonNegative, "Points a member earns per yuan spent."),
        prop("levels", .array(memberLevel), "Levels from a buyer's first up, by points."),
        prop("churnMultiplier", nonNegative, "Members' churn is multiplied by this."),
        prop("paidJoinProbability", probability, "Chance that a buyer takes paid membership."),
        prop("paidFeeYuan", nonNegative, "Paid membership fee (revenue)."),
        prop("paidDiscountRate", .number(.init(minimum: 0, maximum: 0.9)), "Paid members' extra share off."),
        prop("paidPurchaseLogitBoost", shift, "Paid members' extra purchase log-odds."),
        prop("paidReturnMultiplier", nonNegative, "Paid members' extra return multiplier."),
    ], prototype: JSONValue.encoding(MembershipSettings())))

    static let coupons: SchemaNode = .object(.init(properties: [
        prop("valueYuan", positive, "Yuan off one order."),
        prop("thresholdYuan", nonNegative, "The order must reach this amount (0: none)."),
        prop("validDays", positive, "Days the coupon stays valid."),
        prop("openProbability", probability, "Chance per stream that a valid coupon brings its holder back."),
        prop("messageCostYuan", nonNegative, "Cost of sending one coupon."),
    ], prototype: JSONValue.encoding(CouponSettings())))

    static let reminders: SchemaNode = .object(.init(properties: [
        prop("openProbability", probability, "Chance that a reminder brings the buyer back."),
        prop("purchaseLogitBoost", shift, "Purchase log-odds added on the reminded product."),
        prop("messageCostYuan", nonNegative, "Cost of one reminder."),
    ], prototype: JSONValue.encoding(ReminderSettings())))

    static let birthdayGifts: SchemaNode = .object(.init(properties: [
        prop("giftCostYuan", nonNegative, "Cost of one gift."),
        prop("openProbability", probability, "Chance that the gift brings its receiver back."),
        prop("purchaseLogitBoost", shift, "Purchase log-odds added at that visit."),
    ], prototype: JSONValue.encoding(BirthdayGiftSettings())))

    static let season: SchemaNode = .object(.init(properties: [
        prop("streams", .integer(.init(minimum: 1, maximum: Double(SeasonSettings.maximumStreams))), "Streams in the season (1: a single stream)."),
        prop("everyDays", positive, "Days from one stream to the next."),
        prop("population", population, "Who comes back by themselves, and churn."),
        prop("followsJoinFollowers", .boolean, "Follows made in a stream join the next stream's followers push."),
        prop("fanGroups", fanGroups, "Fan groups (private domain): joiners open the push more often (absent: off).", nullable: true),
        prop("membership", membership, "Membership: points, levels, paid membership (absent: off).", nullable: true),
        prop("retargetingCoupons", coupons, "Coupons to viewers who clicked but did not buy (absent: off).", nullable: true),
        prop("repurchaseReminders", reminders, "Reminders on each product's consumptionCycleDays (absent: off).", nullable: true),
        prop("birthdayGifts", birthdayGifts, "Birthday / anniversary gifts to members (absent: off).", nullable: true),
    ], prototype: JSONValue.encoding(SeasonSettings())))
}
