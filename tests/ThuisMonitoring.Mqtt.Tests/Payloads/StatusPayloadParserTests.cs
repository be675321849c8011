using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>The status topic: {"battery": 0-100, "sensorOn": true/false}, either optional but not both.</summary>
public sealed class StatusPayloadParserTests
{
    [Theory]
    [InlineData("""{"battery":0}""", 0, null)]
    [InlineData("""{"battery":100}""", 100, null)]
    [InlineData("""{"battery":55.0}""", 55, null)]
    [InlineData("""{"sensorOn":true}""", null, true)]
    [InlineData("""{"sensorOn":false}""", null, false)]
    [InlineData("""{"battery":12,"sensorOn":false}""", 12, false)]
    [InlineData("""{"sensorOn":true,"battery":80,"firmware":{"version":"1.2"},"rssi":-70}""", 80, true)]
    public void A_status_within_the_rules_is_read(string payload, int? battery, bool? sensorOn)
    {
        var result = StatusPayloadParser.Parse(Utf8(payload));

        result.Errors.Should().BeEmpty();
        result.Value.Should().Be(new DeviceStatus(battery, sensorOn));
    }

    [Theory]
    [InlineData("""{"battery":-1}""", "battery")]
    [InlineData("""{"battery":101}""", "battery")]
    [InlineData("""{"battery":50.5}""", "battery")]
    [InlineData("""{"battery":"50"}""", "battery")]
    [InlineData("""{"battery":null}""", "battery")]
    [InlineData("""{"sensorOn":"true"}""", "sensorOn")]
    [InlineData("""{"sensorOn":1}""", "sensorOn")]
    [InlineData("""{"sensorOn":null}""", "sensorOn")]
    [InlineData("""{"battery":50,"battery":50}""", "battery")]
    [InlineData("""{"battery":50,"rssi":1,"rssi":1}""", "rssi")]
    [InlineData("""{}""", "")]
    [InlineData("""{"charge":50}""", "")]
    [InlineData("""[{"battery":50}]""", "")]
    [InlineData("""{"battery":50""", "")]
    [InlineData("", "")]
    public void A_status_breaking_a_rule_is_rejected_naming_the_field(string payload, string field)
    {
        var result = StatusPayloadParser.Parse(Utf8(payload));

        result.IsAccepted.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    [Fact]
    public void A_segmented_status_is_read()
    {
        StatusPayloadParser.Parse(Segmented(Utf8("""{"battery":42,"sensorOn":true}"""), 5, 12))
            .Value.Should().Be(new DeviceStatus(42, true));
    }
}
