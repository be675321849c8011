using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>A bad protocol document is refused with every error, each naming its field and the rule it breaks.</summary>
public sealed class RefusedDocumentTests
{
    [Theory]
    [InlineData("news2.spo2.bands[2].upTo", "90", "news2.spo2.bands[2].upTo must be above the previous band (93)")]
    [InlineData("news2.spo2.bands[1].upTo", "91", "news2.spo2.bands[1].upTo must be above the previous band (91)")]
    [InlineData("news2.spo2.bands[3].upTo", "100", "news2.spo2.bands[3].upTo must be left out: the last band is open-ended")]
    [InlineData("news2.heartRate.bands[1].upTo", null, "news2.heartRate.bands[1].upTo is required")]
    [InlineData("news2.spo2.bands[0].score", "1", "news2.spo2.bands[0].score must not be below the band nearer the normal band: scores rise away from normal")]
    [InlineData("news2.temperature.bands[4].score", "4", "news2.temperature.bands[4].score must be between 0 and 3")]
    [InlineData("news2.respiratoryRate.bands[2].score", "1", "news2.respiratoryRate.bands must have a normal band scoring 0")]
    [InlineData("news2.temperature.bands", """[{"score":0}]""", "news2.temperature.bands must have at least two bands")]
    [InlineData("news2.spo2", "[]", "news2.spo2 must be an object")]
    [InlineData("news2.supplementalOxygenScore", "2.5", "news2.supplementalOxygenScore must be a whole number")]
    [InlineData("escalation.singleParameter.redScore", "2", "escalation.singleParameter.redScore must be above orangeScore")]
    [InlineData("escalation.aggregate.red", "5", "escalation.aggregate.red must be above orange")]
    [InlineData("escalation.maxHomeOxygenFlow", "0", "escalation.maxHomeOxygenFlow must be between 0.5 and 15")]
    [InlineData("escalation.maxHomeOxygenFlow", "\"3\"", "escalation.maxHomeOxygenFlow must be a number")]
    [InlineData("escalation.maxHomeOxygenFLow", "4", "escalation.maxHomeOxygenFLow is not a field of the protocol document")]
    [InlineData("escalation.spo2Drop.points", "0", "escalation.spo2Drop.points must be between 1 and 20")]
    [InlineData("continuous.deviceSilentMinutes", null, "continuous.deviceSilentMinutes is required")]
    [InlineData("continuous.artefacts.minimumPerfusionIndex", "-1", "continuous.artefacts.minimumPerfusionIndex must be between 0 and 20")]
    [InlineData("continuous.batteryLowBelowPercent", "101", "continuous.batteryLowBelowPercent must be between 0 and 100")]
    [InlineData("schedule.timeZone", "\"Mars/Olympus\"", "schedule.timeZone is not a known time zone (use an IANA id such as Europe/Amsterdam)")]
    [InlineData("schedule.spotChecks", """["08:00","07:00"]""", "schedule.spotChecks[1] must be later than the time before it")]
    [InlineData("schedule.spotChecks[0]", "\"8 uur\"", "schedule.spotChecks[0] must be a local time of day as HH:mm")]
    [InlineData("schedule.spotChecks", "[]", "schedule.spotChecks must list at least one time of day")]
    [InlineData("schedule.earlyDischarge.awakeUntil", "\"07:00\"", "schedule.earlyDischarge.awakeUntil must be later than awakeFrom")]
    [InlineData("weaning.lowestFlow", "4", "weaning.lowestFlow must not be above escalation.maxHomeOxygenFlow")]
    [InlineData("weaning.lookBackHours", "6", "weaning.lookBackHours must not be shorter than holdAtLeastHours")]
    [InlineData("weaning.endMonitoring.lookBackHours", "12", "weaning.endMonitoring.lookBackHours must not be shorter than offOxygenAtLeastHours")]
    [InlineData("responseTimes.redMinutes", "90", "responseTimes.redMinutes must not be longer than orangeMinutes")]
    [InlineData("name", "\"Covid Oxygen\"", "name must be kebab-case: lower case letters, digits and '-'")]
    [InlineData("version", "\"1+2\"", "version must be letters, digits, '.' or '-'")]
    [InlineData("episode", null, "episode is required")]
    [InlineData("remarks", "\"typo\"", "remarks is not a field of the protocol document")]
    public void A_document_breaking_a_rule_is_refused_naming_the_field(string path, string? value, string expectedError)
    {
        var json = DocumentEdits.With(path, value);

        var errors = ProtocolDocumentReader.Validate(json);
        var read = () => ProtocolDocumentReader.Read(json);

        errors.Select(e => e.ToString()).Should().Contain(expectedError);
        read.Should().Throw<ProtocolDocumentException>()
            .Which.Errors.Should().BeEquivalentTo(errors);
    }

    [Fact]
    public void Every_error_of_a_document_is_reported_not_only_the_first()
    {
        var json = DocumentEdits.With("escalation.aggregate.red", "5", DocumentEdits.With("schedule.graceMinutes", "0"));

        ProtocolDocumentReader.Validate(json).Select(e => e.ToString()).Should().BeEquivalentTo(
            "escalation.aggregate.red must be above orange", "schedule.graceMinutes must be between 1 and 1440");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("")]
    public void Text_that_is_not_a_json_object_is_refused(string json)
    {
        var errors = ProtocolDocumentReader.Validate(json);

        errors.Should().ContainSingle().Which.Field.Should().Be("$");
    }

    [Fact]
    public void The_exception_message_lists_every_error()
    {
        var read = () => ProtocolDocumentReader.Read(DocumentEdits.With("escalation.aggregate.red", "5"));

        read.Should().Throw<ProtocolDocumentException>()
            .WithMessage("The protocol document is refused: escalation.aggregate.red must be above orange");
    }
}
