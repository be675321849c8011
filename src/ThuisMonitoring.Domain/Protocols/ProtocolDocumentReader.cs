using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Reads protocol documents (JSON, see <c>Protocols/Documents/covid-oxygen.json</c>) and refuses bad ones with
/// every error, each naming its rule and field. Layers (organisation, patient) are partial documents with a
/// <c>layer</c> and <c>version</c> header, merged field by field on top of the basis: objects merge, values and
/// arrays replace. The effective document's id names every layer: <c>covid-oxygen@1+org:rijnstad@3+patient@2</c>.
/// </summary>
public static partial class ProtocolDocumentReader
{
    private const string LayerField = "layer";
    private const string VersionField = "version";

    /// <summary>Reads a complete protocol document; throws <see cref="ProtocolDocumentException"/> when it is refused.</summary>
    public static ProtocolDocument Read(string json)
    {
        var errors = new List<ProtocolError>();
        var root = Parse(json, errors);
        var document = root is null ? null : Build(root, errors);
        return errors.Count > 0 || document is null ? throw new ProtocolDocumentException(errors) : document;
    }

    /// <summary>Reads a complete protocol document from UTF-8 JSON.</summary>
    public static ProtocolDocument Read(Stream utf8Json)
    {
        using var reader = new StreamReader(utf8Json);
        return Read(reader.ReadToEnd());
    }

    /// <summary>Every reason a complete protocol document would be refused; empty when it is valid.</summary>
    public static IReadOnlyList<ProtocolError> Validate(string json)
    {
        var errors = new List<ProtocolError>();
        if (Parse(json, errors) is { } root)
        {
            Build(root, errors);
        }

        return errors;
    }

    /// <summary>
    /// The effective protocol: the basis document with each layer merged on top in order (organisation, then patient).
    /// Throws <see cref="ProtocolDocumentException"/> naming the layer that broke it.
    /// </summary>
    public static ProtocolDocument ReadLayered(string basisJson, IEnumerable<string> layerJsons)
    {
        var errors = new List<ProtocolError>();
        var document = Layer(basisJson, layerJsons, errors);
        return errors.Count > 0 || document is null ? throw new ProtocolDocumentException(errors) : document;
    }

    /// <summary>The effective protocol of <paramref name="basisJson"/> with <paramref name="layerJsons"/> on top.</summary>
    public static ProtocolDocument ReadLayered(string basisJson, params string[] layerJsons) =>
        ReadLayered(basisJson, (IEnumerable<string>)layerJsons);

    /// <summary>
    /// Every reason the layers would be refused on top of the basis; empty when the result is valid. Use it before
    /// storing a new organisation or patient layer, so a patient is never left without a valid protocol.
    /// </summary>
    public static IReadOnlyList<ProtocolError> ValidateLayered(string basisJson, IEnumerable<string> layerJsons)
    {
        var errors = new List<ProtocolError>();
        Layer(basisJson, layerJsons, errors);
        return errors;
    }

    private static ProtocolDocument? Layer(string basisJson, IEnumerable<string> layerJsons, List<ProtocolError> errors)
    {
        var merged = Parse(basisJson, errors);
        if (merged is null || Build(merged, errors) is not { } document)
        {
            return null;
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var layers = document.Layers is null ? new List<string>() : [document.Layers];
        foreach (var layerJson in layerJsons)
        {
            var layerErrors = new List<ProtocolError>();
            var layer = Parse(layerJson, layerErrors);
            var label = layer is null ? null : LayerLabel(layer, layerErrors);
            if (layer is not null && label is not null)
            {
                merged = Merge(merged, layer, "", layerErrors);
                Build(merged, layerErrors);
            }

            if (layerErrors.Count > 0)
            {
                errors.AddRange(layerErrors.Select(e => e with { Layer = label ?? "layer" }));
                return null;
            }

            layers.Add(label!);
        }

        var effective = Build(merged, errors)!;
        return layers.Count == 0 ? effective : effective with { Layers = string.Join('+', layers) };
    }

    private static JsonObject? Parse(string json, List<ProtocolError> errors)
    {
        try
        {
            if (JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) is JsonObject root)
            {
                return root;
            }

            errors.Add(new ProtocolError("$", "must be a JSON object"));
        }
        catch (JsonException e)
        {
            errors.Add(new ProtocolError("$", $"is not valid JSON (line {e.LineNumber + 1}): {e.Message}"));
        }

        return null;
    }

    /// <summary>"org:rijnstad@3" from the header of a layer; null (with an error) when the header is wrong.</summary>
    private static string? LayerLabel(JsonObject layer, List<ProtocolError> errors)
    {
        var kind = layer[LayerField] is JsonValue k && k.TryGetValue<string>(out var kindText) ? kindText : null;
        var version = layer[VersionField] is JsonValue v && v.TryGetValue<string>(out var versionText) ? versionText : null;
        if (kind is null || !LayerPattern().IsMatch(kind))
        {
            errors.Add(new ProtocolError(LayerField, "must name the layer as org:<id>, patient or patient:<id> (lower case, digits, '-')"));
        }

        if (version is null || !VersionPattern().IsMatch(version))
        {
            errors.Add(new ProtocolError(VersionField, "must be the layer's version: letters, digits, '.' or '-'"));
        }

        foreach (var fixedField in new[] { "name", "layers" })
        {
            if (layer.ContainsKey(fixedField))
            {
                errors.Add(new ProtocolError(fixedField, "cannot be set by a layer"));
            }
        }

        return errors.Count == 0 ? $"{kind}@{version}" : null;
    }

    /// <summary>Deep copy of <paramref name="basis"/> with <paramref name="layer"/> merged in: objects merge, anything else replaces.</summary>
    private static JsonObject Merge(JsonObject basis, JsonObject layer, string path, List<ProtocolError> errors)
    {
        var merged = (JsonObject)basis.DeepClone();
        foreach (var (name, value) in layer)
        {
            if (path.Length == 0 && name is LayerField or VersionField)
            {
                continue;
            }

            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (value is null)
            {
                errors.Add(new ProtocolError(fieldPath, "cannot be removed by a layer (null); leave it out to keep the value below"));
                continue;
            }

            merged[name] = merged[name] is JsonObject below && value is JsonObject above
                ? Merge(below, above, fieldPath, errors)
                : value.DeepClone();
        }

        return merged;
    }

    private static ProtocolDocument? Build(JsonObject root, List<ProtocolError> errors)
    {
        var before = errors.Count;
        var doc = new DocumentFields(root, "", errors);
        var name = doc.Text("name");
        if (name.Length > 0 && !NamePattern().IsMatch(name))
        {
            doc.Error("name", "must be kebab-case: lower case letters, digits and '-'");
        }

        var version = doc.Text("version");
        if (version.Length > 0 && !VersionPattern().IsMatch(version))
        {
            doc.Error("version", "must be letters, digits, '.' or '-'");
        }

        var layers = doc.OptionalText("layers");
        var description = doc.OptionalText("description");

        var news2 = doc.Object("news2");
        var respiratoryRate = Scoring(news2, "respiratoryRate", errors);
        var spo2 = Scoring(news2, "spo2", errors);
        var heartRate = Scoring(news2, "heartRate", errors);
        var temperature = Scoring(news2, "temperature", errors);
        var oxygenScore = news2.Integer("supplementalOxygenScore", 0, 3);
        news2.RefuseUnknownFields();

        var escalation = doc.Object("escalation");
        var single = escalation.Object("singleParameter");
        var singleOrange = single.Integer("orangeScore", 1, 3);
        var singleRed = single.Integer("redScore", 1, 3);
        if (singleRed <= singleOrange && single.Has("redScore"))
        {
            single.Error("redScore", "must be above orangeScore");
        }

        single.RefuseUnknownFields();
        var aggregate = escalation.Object("aggregate");
        var aggregateOrange = aggregate.Integer("orange", 1, 20);
        var aggregateRed = aggregate.Integer("red", 1, 20);
        if (aggregateRed <= aggregateOrange && aggregate.Has("red"))
        {
            aggregate.Error("red", "must be above orange");
        }

        aggregate.RefuseUnknownFields();
        var maxHomeFlow = escalation.Number("maxHomeOxygenFlow", 0.5, MeasurementRanges.OxygenFlow.Max);
        var drop = escalation.Object("spo2Drop");
        var spo2Drop = new BaselineDropRule(
            drop.Integer("points", 1, 20),
            drop.Duration("baselineHours", h => TimeSpan.FromHours(h), 1, 168),
            drop.Integer("minimumBaselineMeasurements", 1, 100));
        drop.RefuseUnknownFields();
        var exertion = escalation.Object("exertionalDesaturation");
        var exertionRule = new ExertionRule(exertion.Integer("points", 1, 20));
        exertion.RefuseUnknownFields();
        escalation.RefuseUnknownFields();

        var continuous = Continuous(doc.Object("continuous"));
        var schedule = Schedule(doc.Object("schedule"), errors);
        var weaning = Weaning(doc.Object("weaning"), maxHomeFlow);

        var episode = doc.Object("episode");
        var responsibilityDay = episode.Integer("responsibilityReviewDay", 1, 365);
        var reviewDay = episode.Integer("episodeReviewDay", 1, 365);
        episode.RefuseUnknownFields();

        var eligibility = Eligibility(doc.Object("eligibility"));

        var response = doc.Object("responseTimes");
        var responseTimes = new ResponseTimes(
            response.Duration("orangeMinutes", m => TimeSpan.FromMinutes(m), 1, 24 * 60),
            response.Duration("redMinutes", m => TimeSpan.FromMinutes(m), 0, 24 * 60));
        if (responseTimes.Red > responseTimes.Orange)
        {
            response.Error("redMinutes", "must not be longer than orangeMinutes");
        }

        response.RefuseUnknownFields();
        var calls = CallRulesReader.Read(doc.Object("calls"), errors);
        var feedback = doc.Has("feedback") ? Feedback(doc.Object("feedback")) : FeedbackTexts.Default;
        var exertionTest = doc.Has("exertionTest") ? ExertionTest(doc.Object("exertionTest")) : ExertionTestRules.Default;
        doc.RefuseUnknownFields();

        if (errors.Count > before)
        {
            return null;
        }

        return new ProtocolDocument(
            name, version, respiratoryRate, spo2, heartRate, temperature, oxygenScore,
            singleOrange, singleRed, aggregateOrange, aggregateRed, maxHomeFlow)
        {
            Layers = layers,
            Description = description,
            Spo2Drop = spo2Drop,
            ExertionalDesaturation = exertionRule,
            Continuous = continuous,
            Schedule = schedule,
            Weaning = weaning,
            EpisodeReview = new EpisodeReviewRules(responsibilityDay, reviewDay),
            Eligibility = eligibility,
            ResponseTimes = responseTimes,
            Calls = calls,
            Feedback = feedback,
            ExertionTest = exertionTest,
        };
    }

    private static ExertionTestRules ExertionTest(DocumentFields section)
    {
        var pathways = new List<Episodes.Pathway>();
        foreach (var code in section.Texts("pathways"))
        {
            if (!Episodes.PathwayNames.TryParse(code, out var pathway))
            {
                section.Error("pathways", $"'{code}' is not a pathway (early-discharge, emergency-department, general-practice)");
            }
            else if (!pathways.Contains(pathway))
            {
                pathways.Add(pathway);
            }
        }

        var rules = new ExertionTestRules(pathways, section.Boolean("afterGreenAtRest"));
        section.RefuseUnknownFields();
        return rules;
    }

    private static FeedbackTexts Feedback(DocumentFields feedback)
    {
        string Read(string name)
        {
            var text = feedback.Text(name);
            if (text.Length > FeedbackTexts.MaxLength)
            {
                feedback.Error(name, $"must be at most {FeedbackTexts.MaxLength} characters");
            }

            return text;
        }

        var texts = new FeedbackTexts(Read("green"), Read("orange"), Read("red"), Read("ended"));
        feedback.RefuseUnknownFields();
        return texts;
    }

    private static VitalScoring Scoring(DocumentFields news2, string name, List<ProtocolError> errors)
    {
        var table = news2.Object(name);
        var items = table.Array("bands");
        table.RefuseUnknownFields();
        var bandsPath = table.PathOf("bands");
        if (items.Count < 2 && table.Has("bands"))
        {
            errors.Add(new ProtocolError(bandsPath, "must have at least two bands"));
        }

        var bands = new List<ScoreBand>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var (node, path) = items[i];
            if (node is not JsonObject bandNode)
            {
                errors.Add(new ProtocolError(path, "must be an object with upTo and score"));
                continue;
            }

            var band = new DocumentFields(bandNode, path, errors);
            var isLast = i == items.Count - 1;
            double? upTo;
            if (isLast)
            {
                upTo = band.OptionalNumber("upTo");
                if (upTo is not null)
                {
                    band.Error("upTo", "must be left out: the last band is open-ended");
                }
            }
            else
            {
                upTo = band.Number("upTo", double.MinValue, double.MaxValue);
                if (i > 0 && bands.Count == i && bands[i - 1].UpTo is { } previous && upTo <= previous)
                {
                    band.Error("upTo", $"must be above the previous band ({previous.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
                }
            }

            var score = band.Integer("score", 0, 3);
            band.RefuseUnknownFields();
            bands.Add(new ScoreBand(isLast ? null : upTo, score));
        }

        if (bands.Count == items.Count && bands.Count >= 2)
        {
            var normal = bands.FindIndex(b => b.Score == 0);
            if (normal < 0)
            {
                errors.Add(new ProtocolError(bandsPath, "must have a normal band scoring 0"));
            }
            else
            {
                for (var i = 0; i < bands.Count; i++)
                {
                    var towardsNormal = i < normal ? bands[i + 1].Score : i > normal ? bands[i - 1].Score : 0;
                    if (bands[i].Score < towardsNormal)
                    {
                        errors.Add(new ProtocolError($"{bandsPath}[{i}].score",
                            "must not be below the band nearer the normal band: scores rise away from normal"));
                    }
                }
            }
        }

        return new VitalScoring(bands);
    }

    private static ContinuousRules Continuous(DocumentFields continuous)
    {
        var artefacts = continuous.Object("artefacts");
        var artefactRules = new ArtefactRules(
            artefacts.Number("minimumPerfusionIndex", MeasurementRanges.PerfusionIndex),
            artefacts.Integer("jumpPoints", 1, 50),
            artefacts.Duration("jumpWithinSeconds", s => TimeSpan.FromSeconds(s), 1, 60),
            artefacts.Duration("reversalWithinSeconds", s => TimeSpan.FromSeconds(s), 1, 600));
        artefacts.RefuseUnknownFields();
        var persistence = continuous.Object("persistence");
        var spo2Red = persistence.Duration("spo2RedSeconds", s => TimeSpan.FromSeconds(s), 1, 3600);
        var spo2Orange = persistence.Duration("spo2OrangeSeconds", s => TimeSpan.FromSeconds(s), 1, 3600);
        var heartRate = persistence.Duration("heartRateSeconds", s => TimeSpan.FromSeconds(s), 1, 3600);
        var respiratoryRate = persistence.Duration("respiratoryRateSeconds", s => TimeSpan.FromSeconds(s), 1, 3600);
        persistence.RefuseUnknownFields();
        var streams = continuous.Has("streams") ? Streams(continuous.Object("streams")) : StreamRules.Default;
        var rules = new ContinuousRules(
            artefactRules, spo2Red, spo2Orange, heartRate, respiratoryRate,
            continuous.Duration("stepDownAfterMinutes", m => TimeSpan.FromMinutes(m), 1, 24 * 60),
            continuous.Duration("deviceSilentMinutes", m => TimeSpan.FromMinutes(m), 1, 24 * 60),
            continuous.Integer("batteryLowBelowPercent", 0, 100))
        {
            Streams = streams,
        };
        continuous.RefuseUnknownFields();
        return rules;
    }

    private static StreamRules Streams(DocumentFields streams)
    {
        var rules = new StreamRules(
            streams.Duration("gapSeconds", s => TimeSpan.FromSeconds(s), 1, 600),
            streams.Duration("warmUpSeconds", s => TimeSpan.FromSeconds(s), 0, 600));
        streams.RefuseUnknownFields();
        return rules;
    }

    private static ScheduleRules Schedule(DocumentFields schedule, List<ProtocolError> errors)
    {
        var timeZone = schedule.Text("timeZone");
        if (timeZone.Length > 0)
        {
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                schedule.Error("timeZone", "is not a known time zone (use an IANA id such as Europe/Amsterdam)");
            }
        }

        var spotChecks = new List<TimeOnly>();
        var items = schedule.Array("spotChecks");
        if (items.Count == 0 && schedule.Has("spotChecks"))
        {
            schedule.Error("spotChecks", "must list at least one time of day");
        }

        foreach (var (node, path) in items)
        {
            var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            var time = schedule.ParseTimeOfDay(text, path);
            if (text.Length == 0)
            {
                errors.Add(new ProtocolError(path, "must be a local time of day as HH:mm"));
            }
            else if (spotChecks.Count > 0 && time <= spotChecks[^1])
            {
                errors.Add(new ProtocolError(path, "must be later than the time before it"));
            }

            spotChecks.Add(time);
        }

        var grace = schedule.Duration("graceMinutes", m => TimeSpan.FromMinutes(m), 1, 24 * 60);
        var missesForRed = schedule.Integer("consecutiveMissesForRed", 1, 20);
        var early = schedule.Object("earlyDischarge");
        var rules = new ScheduleRules(
            timeZone, spotChecks, grace, missesForRed,
            early.Duration("hours", h => TimeSpan.FromHours(h), 0, 168),
            early.Duration("everyHours", h => TimeSpan.FromHours(h), 1, 24),
            early.TimeOfDay("awakeFrom"),
            early.TimeOfDay("awakeUntil"));
        if (rules.AwakeUntil <= rules.AwakeFrom && early.Has("awakeUntil") && early.Has("awakeFrom"))
        {
            early.Error("awakeUntil", "must be later than awakeFrom");
        }

        early.RefuseUnknownFields();
        schedule.RefuseUnknownFields();
        return rules;
    }

    private static WeaningRules Weaning(DocumentFields weaning, double maxHomeFlow)
    {
        var spo2 = weaning.Integer("spo2AtLeast", MeasurementRanges.Spo2);
        var respiratoryRate = weaning.Integer("respiratoryRateAtMost", MeasurementRanges.RespiratoryRate);
        var hold = weaning.Duration("holdAtLeastHours", h => TimeSpan.FromHours(h), 1, 168);
        var lookBack = weaning.Duration("lookBackHours", h => TimeSpan.FromHours(h), 1, 168);
        if (lookBack < hold)
        {
            weaning.Error("lookBackHours", "must not be shorter than holdAtLeastHours");
        }

        var step = weaning.Number("stepLitresPerMinute", 0.1, 5);
        var remeasure = weaning.Duration("remeasureAfterMinutes", m => TimeSpan.FromMinutes(m), 1, 24 * 60);
        var lowest = weaning.Number("lowestFlow", 0.1, MeasurementRanges.OxygenFlow.Max);
        if (lowest > maxHomeFlow)
        {
            weaning.Error("lowestFlow", "must not be above escalation.maxHomeOxygenFlow");
        }

        var end = weaning.Object("endMonitoring");
        var endSpo2 = end.Integer("spo2AtLeast", MeasurementRanges.Spo2);
        var offOxygen = end.Duration("offOxygenAtLeastHours", h => TimeSpan.FromHours(h), 1, 24 * 14);
        var endLookBack = end.Duration("lookBackHours", h => TimeSpan.FromHours(h), 1, 24 * 14);
        if (endLookBack < offOxygen)
        {
            end.Error("lookBackHours", "must not be shorter than offOxygenAtLeastHours");
        }

        end.RefuseUnknownFields();
        var review = weaning.Integer("reviewWhenSpo2BelowAtMaxFlow", MeasurementRanges.Spo2);
        weaning.RefuseUnknownFields();
        return new WeaningRules(spo2, respiratoryRate, hold, lookBack, step, remeasure, lowest, endSpo2, offOxygen, endLookBack, review);
    }

    private static EligibilityRules Eligibility(DocumentFields eligibility)
    {
        var early = eligibility.Object("earlyDischarge");
        var earlyDischarge = new EarlyDischargeCriteria(
            early.Duration("stableHours", h => TimeSpan.FromHours(h), 1, 168),
            early.Integer("spo2AtLeast", MeasurementRanges.Spo2),
            early.Number("maxOxygenFlow", MeasurementRanges.OxygenFlow),
            early.Integer("respiratoryRateAtMost", MeasurementRanges.RespiratoryRate),
            early.Integer("maxOrangeEvaluations", 0, 100));
        early.RefuseUnknownFields();
        var emergency = eligibility.Object("emergencyDepartment");
        var emergencyDepartment = new EmergencyDepartmentCriteria(
            emergency.Integer("respiratoryRateBelow", MeasurementRanges.RespiratoryRate),
            emergency.Integer("spo2Above", MeasurementRanges.Spo2),
            emergency.Number("maxOxygenFlow", MeasurementRanges.OxygenFlow),
            emergency.Integer("illnessDayAfter", 0, 60));
        emergency.RefuseUnknownFields();
        eligibility.RefuseUnknownFields();
        return new EligibilityRules(earlyDischarge, emergencyDepartment);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9.-]{1,32}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^(org:[a-z0-9][a-z0-9-]*|patient(:[A-Za-z0-9][A-Za-z0-9-]*)?)$")]
    private static partial Regex LayerPattern();
}
