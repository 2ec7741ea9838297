import JSON
import Audience

/// The scenario file format (Docs/formats.md), as a ``SchemaNode`` tree whose
/// defaults come from the model's own default values, so they are stated once.
public enum ScenarioSchema {
    /// The root of a scenario file.
    public static let root: SchemaNode = .object(.init(properties: [
        .init(name: "name", node: .string, description: "Scenario name, used in output folder names."),
        .init(name: "description", node: .string, description: "Free text for people."),
        .init(name: "extends", node: .string, description: "Parent scenario file, relative to this one; maps merge key by key, lists and scalars replace."),
        .init(name: "seed", node: .integer(.init(minimum: 0, maximum: Double(ScenarioLoader.maximumSeed))), description: "Master seed; `--seed` overrides it."),
        .init(name: "replications", node: .integer(.init(minimum: 1, maximum: Double(ScenarioLoader.maximumReplications))), description: "Independent replications; `--replications` overrides it."),
        .init(name: "stream", node: stream, description: "The stream's length and tick."),
        .init(name: "host", node: host, description: "The host (主播): attributes from 0 to 1, 0.5 the reference."),
        .init(name: "viewers", node: viewers, description: "The reference viewer, effect sizes and segments (Docs/model.md)."),
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
        .init(name: "variation", node: variation, description: "Stream-to-stream variation: one draw per stream (replication), shared by everyone in it (absent: off).", nullable: true),
        .init(name: "season", node: season, description: "A season: this stream on a calendar over one persistent population, with retention actions (absent: one stream).", nullable: true),
    ], prototype: JSONValue.encoding(ScenarioDocument())))

    // MARK: Building blocks

    /// A number or whole number whose range comes from the model (see ``object(_:_:required:prototype:)``).
    static let number = SchemaNode.number(.init())
    static let integer = SchemaNode.integer(.init())
    static let segmentMix = SchemaNode.weights

    /// An object of the model type `model`: its number fields take their
    /// ranges from `model.fieldRanges`, the table the validation checks.
    static func object(_ model: any RangedFields.Type, _ properties: [SchemaNode.Property], required: [String] = [],
                       prototype: JSONValue) -> SchemaNode {
        .object(.init(properties: properties.map { property in
            var property = property
            if let range = model.fieldRanges[property.name] {
                switch property.node {
                case .number: property.node = .number(range)
                case .integer: property.node = .integer(range)
                default: break
                }
            }
            return property
        }, required: required, prototype: prototype))
    }

    static func prop(_ name: String, _ node: SchemaNode, _ description: String, nullable: Bool = false) -> SchemaNode.Property {
        .init(name: name, node: node, description: description, nullable: nullable)
    }

    static let mixDescription = "Segment shares of this channel's arrivals, by segment name (normalised)."

    // MARK: Sections

    static let stream = object(StreamConfiguration.self, [
        prop("durationMinutes", number,
             "Stream length in minutes (at most 1,440)."),
        prop("tickSeconds", number, "Period of the stream-wide tick (room weight, series)."),
    ], prototype: JSONValue.encoding(ScenarioDocument.StreamSettings()))

    static let host = object(Host.self, [
        prop("name", .string, "The host's name."),
        prop("professionalism", number, "Product knowledge: raises product clicks."),
        prop("charisma", number, "Raises interaction."),
        prop("responsiveness", number, "Answers comments: raises interaction."),
        prop("sincerity", number, "Lends trust: raises purchase."),
    ], prototype: JSONValue.encoding(Host()))

    static let segment = object(Segment.self, [
        prop("priceSensitivity", number, "Weight of price in the purchase decision (median of the segment)."),
        prop("interest", number, "Interest match with the room's products."),
        prop("trust", number, "Trust in the room."),
        prop("patience", number, "Patient viewers leave more slowly."),
        prop("sociability", number, "Drives interaction and sharing."),
        prop("urgencyResponse", number, "Response to countdowns and scarcity."),
        prop("willingnessToPay", number, "Mean willingness-to-pay multiplier on a product's reference price."),
    ], prototype: JSONValue.encoding(Segment()))

    static let weights = object(HostQualityWeights.self, [
        prop("professionalism", number, "Weight in hostQuality."),
        prop("charisma", number, "Weight in hostQuality."),
        prop("responsiveness", number, "Weight in hostQuality."),
        prop("sincerity", number, "Weight in hostQuality."),
    ], prototype: JSONValue.encoding(HostQualityWeights()))

    static let effects = object(BehaviourEffects.self, [
        prop("hostQualityOnStay", number, "Leave hazard × exp(−a·(hostQuality − 0.5))."),
        prop("interestOnStay", number, "Leave hazard × exp(−b·(interest·contentValue − 0.5))."),
        prop("patienceOnStay", number, "Leave hazard × exp(−p·(patience − 0.5))."),
        prop("charismaOnInteraction", number, "Interaction rate × exp(c·(charisma − 0.5))."),
        prop("responsivenessOnInteraction", number, "Interaction rate × exp(r·(responsiveness − 0.5))."),
        prop("sociabilityOnInteraction", number, "Interaction rate × exp(s·(sociability − 0.5))."),
        prop("hostQualityOnFollow", number, "Follow log-odds + h·(hostQuality − 0.5)."),
        prop("trustOnFollow", number, "Follow log-odds + t·(trust − 0.5)."),
        prop("interestOnClick", number, "Click rate × exp(i·(interest − 0.5))."),
        prop("professionalismOnClick", number, "Click rate × exp(p·(professionalism − 0.5))."),
        prop("interestOnPurchase", number, "Purchase log-odds + α·(interest − 0.5)."),
        prop("priceOnPurchase", number, "Purchase log-odds + γ·(priceSensitivity/0.5)·(wtp·ref − price)/ref."),
        prop("trustOnPurchase", number, "Purchase log-odds + t·(trust − 0.5)."),
        prop("sincerityOnPurchase", number, "Purchase log-odds + s·(host sincerity − 0.5)."),
        prop("charismaOnPurchase", number, "Purchase log-odds + c·(host charisma − 0.5); counted as persuasion (returns)."),
        prop("sociabilityOnShare", number, "Share rate × exp(s·(sociability − 0.5))."),
        prop("hostQualityOnShare", number, "Share rate × exp(h·(hostQuality − 0.5))."),
        prop("pendingIncentiveOnStay", number, "Leave × exp(−c·pendingIncentive·(priceSensitivity + urgencyResponse))."),
        prop("drawOnInteraction", number, "Interaction rate × exp(this) while a draw is pending."),
        prop("commentRequirementOnInteraction", number, "Further × exp(this) when the draw requires a comment (and for quizzes)."),
        prop("followRequirementOnFollow", number, "Follow log-odds + this while a draw requiring a follow is pending."),
        prop("drawOnPurchase", number, "Purchase log-odds + this while a draw is pending."),
        prop("urgencyOnPurchase", number, "Purchase log-odds + this·urgencyResponse/0.5 for a time-limited offer."),
        prop("scarcityOnPurchase", number, "Purchase log-odds + this·urgencyResponse/0.5·share of limited units sold."),
        prop("promotionOnClick", number, "Click rate × exp(this) while an offer runs on the featured product."),
        prop("bundleCommitmentOnPurchase", number, "Purchase log-odds − this·ln(units) for a bundle."),
        prop("fullReductionTakeUp", number, "Probability a buyer short of a full-reduction threshold adds units to reach it."),
        prop("lostSaleOnStay", number, "Leave hazard × exp(this) after finding no stock."),
        prop("interactionOnStay", number, "Leave hazard × exp(−this) once the viewer has interacted (engagement)."),
        prop("interactionOnClick", number, "Click rate × exp(this) once the viewer has interacted."),
        prop("interactionOnPurchase", number, "Purchase log-odds + this once the viewer has interacted."),
    ], prototype: JSONValue.encoding(BehaviourEffects()))

    static let viewers = object(ViewerBehaviour.self, [
        prop("meanStaySecondsAtReference", number, "Mean time in room of the reference viewer, without boredom."),
        prop("interactionsPerMinuteAtReference", number, "Comments and likes per minute of the reference viewer."),
        prop("clicksPerMinuteAtReference", number, "Product clicks per minute while a product is featured."),
        prop("clickToOrderAtReference", number, "Probability that a click becomes an order at list price."),
        prop("sharesPerMinuteAtReference", number, "Shares per minute of the reference viewer."),
        prop("followPerInteractionAtReference", number, "Probability that an interaction comes with a follow."),
        prop("reentryProbability", number, "Probability that a leaver comes back later in the stream."),
        prop("reentryDelayMinutes", number, "Mean delay before a re-entry."),
        prop("boredom", .boolean, "Whether the leave hazard grows (saturating) with time in room."),
        prop("boredomMaxMultiplier", number, "Limit of the boredom multiplier on the leave hazard."),
        prop("boredomTimeConstantSeconds", number, "Time constant of boredom."),
        prop("traitSpread", number, "Spread of traits around segment medians, on the logit scale."),
        prop("willingnessToPayVariation", number, "Coefficient of variation of willingness to pay."),
        prop("hostQualityWeights", weights, "Weights of the host attributes in hostQuality."),
        prop("segments", .map(segment), "Segments by name; given ones merge with the four defaults."),
        prop("effects", effects, "Effect sizes (log-rate or log-odds per unit away from 0.5)."),
    ], prototype: JSONValue.encoding(ViewerBehaviour()))

    static let boost = object(FeedBoost.self, [
        prop("fromMinute", number, "Start of the boost window."),
        prop("toMinute", number, "End of the boost window."),
        prop("budgetYuan", number, "Spend; buys budget / CPM × 1000 impressions."),
        prop("cpmYuan", number, "Price of 1,000 impressions."),
    ], required: ["fromMinute", "toMinute", "budgetYuan", "cpmYuan"],
       prototype: JSONValue.encoding(FeedBoost(fromMinute: 0, toMinute: 0, budgetYuan: 0, cpmYuan: 0)))

    static let feed = object(FeedChannel.self, [
        prop("impressionsPerMinute", number, "Organic impressions of the room's cover per minute."),
        prop("coverClickThrough", number, "Share of impressions that enter the room."),
        prop("targetingPrecision", number, "0.5 neutral; higher brings viewers of higher interest."),
        prop("roomWeightElasticity", number, "Exponent of the room-weight multiplier on feed arrivals."),
        prop("segmentMix", segmentMix, mixDescription),
        prop("boosts", .array(boost), "Paid boosts (投流) in time windows."),
    ], prototype: JSONValue.encoding(FeedChannel()))

    static let followers = object(FollowersChannel.self, [
        prop("pool", number, "Followers pushed at the start (fan-group members included)."),
        prop("openRate", number, "Share of regular followers who open the push."),
        prop("fanGroupMembers", number, "Fan-group (private domain) members."),
        prop("fanGroupOpenRate", number, "Share of fan-group members who open."),
        prop("meanDelayMinutes", number, "Mean delay from the push to arrival."),
        prop("intentShift", number, "Interest shift of followers (logit)."),
        prop("trustShift", number, "Trust shift of followers (logit)."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(FollowersChannel()))

    static let partner = object(PartnerChannel.self, [
        prop("name", .string, "Partner name (a row of channels.csv)."),
        prop("postMinute", number, "When the post goes out."),
        prop("audience", number, "The partner's audience."),
        prop("engagement", number, "Share of the audience who see and engage with the post."),
        prop("clickThrough", number, "Share of those who click into the room."),
        prop("decayMinutes", number, "Time constant of the arrival burst."),
        prop("feeYuan", number, "Fixed fee."),
        prop("commissionRate", number, "Commission on the GMV of the viewers it brought."),
        prop("trustBoost", number, "Purchase log-odds added for the viewers it brought."),
        prop("segmentMix", segmentMix, mixDescription),
    ], required: ["name"], prototype: JSONValue.encoding(PartnerChannel(name: "")))

    static let shortVideo = object(ShortVideoChannel.self, [
        prop("reservations", number, "Reservations made by warm-up videos (短视频预热)."),
        prop("showRate", number, "Share of reservations who come."),
        prop("decayMinutes", number, "Time constant of their arrivals from the start."),
        prop("costYuan", number, "Production cost."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(ShortVideoChannel()))

    static let search = object(SearchChannel.self, [
        prop("perMinute", number, "Arrivals per minute."),
        prop("intentShift", number, "Interest shift (logit)."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(SearchChannel()))

    static let offlineAds = object(OfflineAdsChannel.self, [
        prop("perMinute", number, "Arrivals per minute during the campaign."),
        prop("fromMinute", number, "Campaign start."),
        prop("toMinute", number, "Campaign end (default: the stream's end).", nullable: true),
        prop("costYuan", number, "Fixed cost."),
        prop("intentShift", number, "Interest shift (logit)."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(OfflineAdsChannel()))

    static let share = object(ShareChannel.self, [
        prop("inviteesPerShare", number, "Mean invitees per share (Poisson); the cascade must stay subcritical."),
        prop("meanDelayMinutes", number, "Mean delay from a share to an invitee's arrival."),
        prop("segmentMix", segmentMix, mixDescription),
    ], prototype: JSONValue.encoding(ShareChannel()))

    static let channels: SchemaNode = .object(.init(properties: [
        prop("feed", feed, "站内推荐: recommendation feed.", nullable: true),
        prop("followers", followers, "粉丝/私域: push to followers at the start.", nullable: true),
        prop("kol", .array(partner), "KOL posts (null: none).", nullable: true),
        prop("koc", .array(partner), "KOC posts (null: none).", nullable: true),
        prop("shortVideo", shortVideo, "短视频预热: warm-up reservations.", nullable: true),
        prop("search", search, "Search: steady, high intent.", nullable: true),
        prop("offlineAds", offlineAds, "线下广告: QR codes and billboards.", nullable: true),
        prop("crossBrand", .array(partner), "跨界合作: cross-brand partners (null: none).", nullable: true),
        prop("share", share, "裂变: invitees brought by viewers' shares.", nullable: true),
    ], prototype: JSONValue.encoding(Channels())))

    static let product = object(Product.self, [
        prop("id", .string, "Identifier used by the run of show and result files."),
        prop("name", .string, "Display name (default: the id)."),
        prop("category", .string, "Category."),
        prop("referencePriceYuan", number, "List price: the reference for willingness to pay."),
        prop("priceYuan", number, "Selling price outside offers (default: the list price).", nullable: true),
        prop("unitCostYuan", number, "Cost of goods per unit."),
        prop("inventory", integer, "Units in stock (default: unlimited).", nullable: true),
        prop("consumptionCycleDays", number, "Days a unit lasts a buyer: seasons remind buyers when it has passed (default: no reminders).", nullable: true),
    ], required: ["id", "referencePriceYuan"], prototype: JSONValue.encoding(Product(id: "", name: "", referencePriceYuan: 0)))

    static let hostShift = object(HostShift.self, [
        prop("name", .string, "The host on air in this window."),
        prop("fromMinute", number, "Start of the window."),
        prop("toMinute", number, "End of the window."),
        prop("professionalism", number, "Product knowledge: raises product clicks."),
        prop("charisma", number, "Raises interaction."),
        prop("responsiveness", number, "Raises interaction."),
        prop("sincerity", number, "Raises purchase."),
    ], required: ["fromMinute", "toMinute"], prototype: JSONValue.encoding(HostShift()))

    static let guest = object(Guest.self, [
        prop("name", .string, "Who (brand founder, expert)."),
        prop("fromMinute", number, "Start of the appearance."),
        prop("toMinute", number, "End of the appearance."),
        prop("contentBoost", number, "Added to the content value (1 without guests): viewers stay longer."),
        prop("trustBoost", number, "Purchase log-odds added while on."),
        prop("feeYuan", number, "Appearance fee (in costYuan)."),
    ], required: ["fromMinute", "toMinute"], prototype: JSONValue.encoding(Guest()))

    static let event = object(InteractiveEvent.self, [
        prop("type", .enumeration(InteractiveEvent.Kind.allCases.map(\.rawValue)), "lottery, luckyBag, quiz or demonstration."),
        prop("name", .string, "A label."),
        prop("announceMinute", number, "Draws: when the reward is announced (default: 10 minutes before the draw).", nullable: true),
        prop("drawMinute", number, "Draws: when winners are drawn.", nullable: true),
        prop("fromMinute", number, "Demonstration: start.", nullable: true),
        prop("toMinute", number, "Demonstration: end.", nullable: true),
        prop("winners", integer, "Draws: number of winners."),
        prop("prizeValueYuan", number, "Draws: cost of each prize (in costYuan)."),
        prop("requiresFollow", .boolean, "Draws: taking part requires a follow."),
        prop("requiresComment", .boolean, "Draws: taking part requires a comment."),
        prop("incentive", number, "Strength of the pending incentive (default 1 lucky bag, 0.8 lottery, 0.6 quiz).", nullable: true),
        prop("interestBoost", number, "Demonstration: interest added for the featured product."),
        prop("category", .string, "Demonstration: only products of this category.", nullable: true),
        prop("costYuan", number, "Fixed cost (in costYuan)."),
    ], required: ["type"], prototype: JSONValue.encoding(InteractiveEvent(type: .lottery)))

    static let streamQuality = object(StreamQuality.self, [
        prop("stallsPerHour", number, "Stall incidents per hour: the broadcast freezes for everyone."),
        prop("stallSeconds", number, "Mean stall duration."),
        prop("rebufferRatio", number, "Mean share of each viewer's watch time spent rebuffering (their network)."),
        prop("startupDelaySeconds", number, "Start-up delay; beyond the grace period arrivals abandon."),
        prop("latencySeconds", number, "Glass-to-glass latency: lowers the value of quizzes."),
        prop("rebufferLeaveSlope", number, "Leave × (1 + slope · ratio); 5.26: 1% rebuffering ≈ 5% less watch time."),
        prop("abandonmentPerSecond", number, "Arrivals abandoning per second of delay beyond the grace (5.8%)."),
        prop("startupGraceSeconds", number, "Delay viewers tolerate (2 s)."),
        prop("stallLeaveEffect", number, "Leave hazard × exp(this) while stalled."),
        prop("latencyScaleSeconds", number, "A quiz's incentive × exp(−latency / this)."),
    ], prototype: JSONValue.encoding(StreamQuality()))

    static let roomWeight = object(RoomWeightSettings.self, [
        prop("smoothing", number, "Share of each tick's score in the weight."),
        prop("minimumMultiplier", number, "Lower clamp of the feed multiplier."),
        prop("maximumMultiplier", number, "Upper clamp of the feed multiplier."),
        prop("interactionWeight", number, "Weight of interactions per viewer-minute in the score."),
        prop("orderWeight", number, "Weight of orders per viewer-minute."),
        prop("stayWeight", number, "Weight of the average stay of recent leavers."),
        prop("entryStayWeight", number, "Weight of the share of leavers who stayed 30 s."),
        prop("referenceInteractionsPerViewerMinute", number, "The reference room's interactions per viewer-minute (weight 1)."),
        prop("referenceOrdersPerViewerMinute", number, "The reference room's orders per viewer-minute."),
        prop("referenceStaySeconds", number, "The reference room's average stay of leavers, seconds."),
        prop("referenceEntryStayShare", number, "The reference room's share of leavers who stayed 30 s."),
    ], prototype: JSONValue.encoding(RoomWeightSettings()))

    static let offer = object(Offer.self, [
        prop("id", .string, "Offer id (default: <phase name>.<index>).", nullable: true),
        prop("type", .enumeration(Offer.Kind.allCases.map(\.rawValue)), "livePrice, limitedTimeDiscount, fullReduction, gift, flashSale or bundle."),
        prop("product", .string, "The product (a fullReduction without one applies to all).", nullable: true),
        prop("priceYuan", number, "Live price, flash-sale price, or the bundle's total price.", nullable: true),
        prop("discountRate", number, "limitedTimeDiscount: share off the selling price.", nullable: true),
        prop("units", integer, "Units at this offer (default: unlimited).", nullable: true),
        prop("fromMinute", number, "Start within the phase (default: the phase's).", nullable: true),
        prop("toMinute", number, "End within the phase (default: the phase's).", nullable: true),
        prop("announceMinutes", number, "flashSale, limitedTimeDiscount: countdown before the start."),
        prop("incentive", number, "Countdown incentive (default 0.8 flash sale, 0.4 discount).", nullable: true),
        prop("thresholdYuan", number, "fullReduction: spend at least this..."),
        prop("reductionYuan", number, "...and get this off."),
        prop("giftValueYuan", number, "gift: what the buyer feels it is worth."),
        prop("giftCostYuan", number, "gift: what each gift costs (in costYuan)."),
        prop("bundleUnits", integer, "bundle: units in one bundle."),
    ], required: ["type"], prototype: JSONValue.encoding(Offer(type: .livePrice)))

    static let phase = object(PromotionPhase.self, [
        prop("name", .string, "Phase name (a row of phases.csv)."),
        prop("fromMinute", number, "Start."),
        prop("toMinute", number, "End."),
        prop("offers", .array(offer), "The phase's offers."),
    ], required: ["name", "fromMinute", "toMinute"], prototype: JSONValue.encoding(PromotionPhase(name: "")))

    static let trust = object(TrustSettings.self, [
        prop("brandAuthorization", .boolean, "Brand authorization shown."),
        prop("authenticityGuarantee", .boolean, "Authenticity guarantee."),
        prop("sevenDayReturns", .boolean, "7-day no-reason returns: converts better, returns more."),
        prop("liveReviews", .boolean, "Live display of reviews."),
        prop("brandAuthorizationEffect", number, "Purchase log-odds (× (1.5 − trust))."),
        prop("authenticityGuaranteeEffect", number, "Purchase log-odds (× (1.5 − trust))."),
        prop("sevenDayReturnsEffect", number, "Purchase log-odds (× (1.5 − trust))."),
        prop("liveReviewsEffect", number, "Purchase log-odds (× (1.5 − trust))."),
    ], prototype: JSONValue.encoding(TrustSettings()))

    static let checkout = object(CheckoutSettings.self, [
        prop("steps", integer, "Checkout steps."),
        prop("dropOffPerStep", number, "Share of buyers lost at each step."),
        prop("paymentSuccess", number, "Share of payments that succeed."),
    ], prototype: JSONValue.encoding(CheckoutSettings()))

    static let returns = object(ReturnSettings.self, [
        prop("baseRate", number, "Return probability of a reference order at list price."),
        prop("discountDepthEffect", number, "Log-odds per unit of discount depth."),
        prop("impulseEffect", number, "Log-odds per unit of (urgencyResponse − 0.5)·2."),
        prop("sevenDayReturnsEffect", number, "Log-odds added with 7-day no-reason returns."),
        prop("persuasionEffect", number, "Return log-odds per unit of the order's persuasion log-odds (urgency, scarcity, a pending draw, engagement); 0: none."),
        prop("meanDelayDays", number, "Mean days from the stream's end to a return."),
    ], prototype: JSONValue.encoding(ReturnSettings()))

    static let variation = object(StreamVariation.self, [
        prop("trafficSd", number, "Sd of the log of one multiplier on every channel's arrivals that stream (median 1)."),
        prop("conversionSd", number, "Sd of one shift of every purchase decision's log-odds that stream (normal, mean 0)."),
        prop("staySd", number, "Sd of the log of one multiplier on every leave hazard that stream (median 1)."),
    ], prototype: JSONValue.encoding(StreamVariation()))

    static let featuredWindow = object(FeaturedWindow.self, [
        prop("product", .string, "A product id."),
        prop("fromMinute", number, "Start of the window."),
        prop("toMinute", number, "End of the window."),
    ], required: ["product", "fromMinute", "toMinute"], prototype: JSONValue.encoding(FeaturedWindow(product: "", fromMinute: 0, toMinute: 0)))

    // MARK: Seasons

    static let population = object(PopulationSettings.self, [
        prop("organicReturnProbability", number, "Chance per stream that a past viewer who does not follow comes back unprompted."),
        prop("churnPerStream", number, "Chance per stream that a person stops coming for good."),
        prop("churnBySegment", .map(.number(PopulationSettings.segmentChurnRange)), "Churn per stream by segment (others use churnPerStream)."),
        prop("meanReturnDelayMinutes", number, "Mean minutes from a stream's start to a returning person's arrival."),
    ], prototype: JSONValue.encoding(PopulationSettings()))

    static let fanGroups = object(FanGroupSettings.self, [
        prop("joinProbabilityOnFollow", number, "Chance that a follow comes with joining the fan group."),
        prop("joinProbabilityOnOrder", number, "Chance that a buyer who follows joins the fan group."),
    ], prototype: JSONValue.encoding(FanGroupSettings()))

    static let memberLevel = object(MemberLevel.self, [
        prop("name", .string, "Level name."),
        prop("minimumPoints", number, "Points from which a member has this level (0 for the first)."),
        prop("discountRate", number, "Share off every price."),
        prop("purchaseLogitBoost", number, "Purchase log-odds added."),
        prop("returnMultiplier", number, "Multiplies the chance to come back to a stream."),
    ], required: ["name", "minimumPoints"], prototype: JSONValue.encoding(MemberLevel(name: "", minimumPoints: 0)))

    static let membership = object(MembershipSettings.self, [
        prop("pointsPerYuan", number, "Points a member earns per yuan spent."),
        prop("levels", .array(memberLevel), "Levels from a buyer's first up, by points."),
        prop("churnMultiplier", number, "Members' churn is multiplied by this."),
        prop("paidJoinProbability", number, "Chance that a buyer takes paid membership."),
        prop("paidFeeYuan", number, "Paid membership fee (revenue)."),
        prop("paidDiscountRate", number, "Paid members' extra share off."),
        prop("paidPurchaseLogitBoost", number, "Paid members' extra purchase log-odds."),
        prop("paidReturnMultiplier", number, "Paid members' extra return multiplier."),
    ], prototype: JSONValue.encoding(MembershipSettings()))

    static let coupons = object(CouponSettings.self, [
        prop("valueYuan", number, "Yuan off one order."),
        prop("thresholdYuan", number, "The order must reach this amount (0: none)."),
        prop("validDays", number, "Days the coupon stays valid."),
        prop("openProbability", number, "Chance per stream that a valid coupon brings its holder back."),
        prop("messageCostYuan", number, "Cost of sending one coupon."),
    ], prototype: JSONValue.encoding(CouponSettings()))

    static let reminders = object(ReminderSettings.self, [
        prop("openProbability", number, "Chance that a reminder brings the buyer back."),
        prop("purchaseLogitBoost", number, "Purchase log-odds added on the reminded product."),
        prop("messageCostYuan", number, "Cost of one reminder."),
    ], prototype: JSONValue.encoding(ReminderSettings()))

    static let birthdayGifts = object(BirthdayGiftSettings.self, [
        prop("giftCostYuan", number, "Cost of one gift."),
        prop("openProbability", number, "Chance that the gift brings its receiver back."),
        prop("purchaseLogitBoost", number, "Purchase log-odds added at that visit."),
    ], prototype: JSONValue.encoding(BirthdayGiftSettings()))

    static let season = object(SeasonSettings.self, [
        prop("streams", integer, "Streams in the season (1: a single stream)."),
        prop("everyDays", number, "Days from one stream to the next."),
        prop("population", population, "Who comes back by themselves, and churn."),
        prop("followsJoinFollowers", .boolean, "Follows made in a stream join the next stream's followers push."),
        prop("fanGroups", fanGroups, "Fan groups (private domain): joiners open the push more often (absent: off).", nullable: true),
        prop("membership", membership, "Membership: points, levels, paid membership (absent: off).", nullable: true),
        prop("retargetingCoupons", coupons, "Coupons to viewers who clicked but did not buy (absent: off).", nullable: true),
        prop("repurchaseReminders", reminders, "Reminders on each product's consumptionCycleDays (absent: off).", nullable: true),
        prop("birthdayGifts", birthdayGifts, "Birthday / anniversary gifts to members (absent: off).", nullable: true),
    ], prototype: JSONValue.encoding(SeasonSettings()))
}
