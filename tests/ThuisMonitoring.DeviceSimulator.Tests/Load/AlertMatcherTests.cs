using System.Text.Json;
using ThuisMonitoring.DeviceSimulator.Load;

namespace ThuisMonitoring.DeviceSimulator.Tests.Load;

public sealed class AlertMatcherTests
{
    private static readonly DateTimeOffset First = new(2021, 3, 15, 8, 0, 0, 100, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = First.AddSeconds(1);

    private static JsonElement Alert(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static AlertMatcher TwoRedsOfP1()
    {
        var matcher = new AlertMatcher();
        matcher.RedPublished("p1", "m-1", First, sentAt: 1000);
        matcher.RedPublished("p1", "m-2", Second, sentAt: 2000);
        return matcher;
    }

    [Fact]
    public void An_alert_naming_the_messageId_matches_that_measurement()
    {
        var matcher = TwoRedsOfP1();

        matcher.Match(Alert("""{"patientId":"p1","status":"open","messageId":"m-2"}""")).Should().Be(2000);
        matcher.MatchedBy.Should().Equal(new Dictionary<string, long> { ["messageId"] = 1 });
    }

    [Fact]
    public void An_alert_with_measuredAt_in_another_offset_matches_by_the_instant()
    {
        var matcher = TwoRedsOfP1();

        matcher.Match(Alert("""{"patientId":"p1","status":"open","measuredAt":"2021-03-15T09:00:01.1+01:00"}""")).Should().Be(2000);
        matcher.MatchedBy.Should().ContainKey("measuredAt");
    }

    [Fact]
    public void Without_a_reference_the_oldest_red_of_the_patient_is_taken_once()
    {
        var matcher = TwoRedsOfP1();
        var alert = Alert("""{"patientId":"p1","status":"open"}""");

        matcher.Match(alert).Should().Be(1000);
        matcher.Match(alert).Should().Be(2000);
        matcher.Match(alert).Should().BeNull();
        matcher.Events.Should().Be(3);
        matcher.Matched.Should().Be(2);
    }

    [Theory]
    [InlineData("""{"patientId":"p2","status":"open"}""")]
    [InlineData("""{"patientId":"p1","status":"acknowledged"}""")]
    [InlineData("""{"status":"open"}""")]
    [InlineData("""[1,2]""")]
    public void Alerts_of_other_patients_or_not_open_match_nothing(string json) =>
        TwoRedsOfP1().Match(Alert(json)).Should().BeNull();
}
