using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Mqtt.Payloads;
using static ThuisMonitoring.Mqtt.Tests.Payloads.TestPayloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>Contract section 2, the measurement object: every field's type and range, boundaries included.</summary>
public sealed class MeasurementFieldRulesTests
{
    [Theory]
    [InlineData("spo2", "50")]
    [InlineData("spo2", "100")]
    [InlineData("spo2", "95.0")]
    [InlineData("spo2", "9.5e1")]
    [InlineData("heartRate", "20")]
    [InlineData("heartRate", "250")]
    [InlineData("respiratoryRate", "4")]
    [InlineData("respiratoryRate", "60")]
    [InlineData("oxygenFlow", "0")]
    [InlineData("oxygenFlow", "-0.0")]
    [InlineData("oxygenFlow", "15")]
    [InlineData("oxygenFlow", "2.5")]
    [InlineData("temperature", "30.0")]
    [InlineData("temperature", "30")]
    [InlineData("temperature", "45.0")]
    [InlineData("temperature", "37.25")]
    [InlineData("perfusionIndex", "0")]
    [InlineData("perfusionIndex", "20")]
    [InlineData("perfusionIndex", "0.3")]
    [InlineData("feeling", "\"better\"")]
    [InlineData("feeling", "\"same\"")]
    [InlineData("feeling", "\"worse\"")]
    [InlineData("feeling", "\"much-worse\"")]
    [InlineData("exertion", "true")]
    [InlineData("exertion", "false")]
    [InlineData("messageId", "\"a\"")]
    [InlineData("messageId", "\"0123456789012345678901234567890123456789012345678901234567890123\"")]
    public void A_value_within_the_rule_is_accepted(string field, string value)
    {
        var result = MeasurementPayloadParser.Parse(WithField(field, value), Now);

        result.Errors.Should().BeEmpty();
        result.IsAccepted.Should().BeTrue();
        result.Value.Should().ContainSingle();
    }

    [Theory]
    [InlineData("spo2", "49")]
    [InlineData("spo2", "101")]
    [InlineData("spo2", "-95")]
    [InlineData("spo2", "95.5")]
    [InlineData("spo2", "\"95\"")]
    [InlineData("spo2", "null")]
    [InlineData("spo2", "true")]
    [InlineData("spo2", "{\"value\":95}")]
    [InlineData("spo2", "[95]")]
    [InlineData("spo2", "1e400")]
    [InlineData("spo2", "4294967391")]
    [InlineData("heartRate", "19")]
    [InlineData("heartRate", "251")]
    [InlineData("heartRate", "80.5")]
    [InlineData("respiratoryRate", "3")]
    [InlineData("respiratoryRate", "61")]
    [InlineData("respiratoryRate", "\"18\"")]
    [InlineData("oxygenFlow", "-0.1")]
    [InlineData("oxygenFlow", "15.01")]
    [InlineData("oxygenFlow", "\"2\"")]
    [InlineData("oxygenFlow", "null")]
    [InlineData("temperature", "29.9")]
    [InlineData("temperature", "45.1")]
    [InlineData("temperature", "-1e400")]
    [InlineData("perfusionIndex", "-0.01")]
    [InlineData("perfusionIndex", "20.01")]
    [InlineData("feeling", "\"Worse\"")]
    [InlineData("feeling", "\"bad\"")]
    [InlineData("feeling", "\"\"")]
    [InlineData("feeling", "2")]
    [InlineData("feeling", "null")]
    [InlineData("exertion", "\"true\"")]
    [InlineData("exertion", "1")]
    [InlineData("exertion", "null")]
    [InlineData("messageId", "\"\"")]
    [InlineData("messageId", "\"01234567890123456789012345678901234567890123456789012345678901234\"")]
    [InlineData("messageId", "42")]
    [InlineData("messageId", "null")]
    [InlineData("measuredAt", "null")]
    [InlineData("measuredAt", "1741608000")]
    public void A_value_breaking_the_rule_rejects_the_message_naming_the_field(string field, string value)
    {
        var result = MeasurementPayloadParser.Parse(WithField(field, value), Now);

        result.IsAccepted.Should().BeFalse();
        result.Value.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Field.Should().Be(field);
        result.Errors[0].Message.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_field_is_read_into_the_measurement()
    {
        var payload = Utf8("""
            {"measuredAt":"2025-03-10T12:58:30.250+01:00","messageId":"m-17","spo2":93,"heartRate":88,
             "respiratoryRate":22,"oxygenFlow":2.5,"temperature":38.1,"perfusionIndex":1.4,
             "feeling":"much-worse","exertion":true}
            """);

        var result = MeasurementPayloadParser.Parse(payload, Now);

        result.Value.Should().Equal(new Measurement(
            new DateTimeOffset(2025, 3, 10, 12, 58, 30, 250, TimeSpan.FromHours(1)),
            Spo2: 93, HeartRate: 88, RespiratoryRate: 22, OxygenFlow: 2.5, Temperature: 38.1, PerfusionIndex: 1.4,
            Feeling: Feeling.MuchWorse, Exertion: true, MessageId: "m-17"));
        result.MessageId.Should().Be("m-17");
    }

    [Fact]
    public void Absent_optional_fields_stay_absent_and_exertion_defaults_to_false()
    {
        var result = MeasurementPayloadParser.Parse(Measurement("\"spo2\":96"), Now);

        result.Value.Should().Equal(new Measurement(DateTimeOffset.Parse(RecentMeasuredAt, System.Globalization.CultureInfo.InvariantCulture), Spo2: 96));
        result.MessageId.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"exertion\":true")]
    [InlineData("\"messageId\":\"m-1\",\"exertion\":false")]
    [InlineData("\"battery\":80")]
    public void A_message_without_any_vital_sign_or_feeling_is_rejected(string members)
    {
        var result = MeasurementPayloadParser.Parse(Measurement(members), Now);

        result.Errors.Should().ContainSingle().Which.Field.Should().BeEmpty();
        result.Errors[0].Message.Should().Contain("at least one");
    }

    [Theory]
    [InlineData("\"feeling\":\"same\"")]
    [InlineData("\"oxygenFlow\":0")]
    [InlineData("\"temperature\":37")]
    public void A_single_vital_sign_or_the_feeling_is_enough(string members) =>
        MeasurementPayloadParser.Parse(Measurement(members), Now).IsAccepted.Should().BeTrue();

    [Fact]
    public void A_message_without_measuredAt_is_rejected()
    {
        var result = MeasurementPayloadParser.Parse(Utf8("""{"spo2":95}"""), Now);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("measuredAt");
    }

    [Fact]
    public void Unknown_fields_are_ignored_whatever_their_type()
    {
        var result = MeasurementPayloadParser.Parse(
            Measurement("""
                "spo2":95,"firmware":"2.1.0","device":{"model":"PO-60","serial":[1,2,{"x":null}]},
                "SpO2":"not ours","battery":12,"extra":null,"list":[]
                """),
            Now);

        result.IsAccepted.Should().BeTrue();
        result.Value!.Single().Spo2.Should().Be(95);
    }

    [Theory]
    [InlineData("\"spo2\":95,\"spo2\":96")]
    [InlineData("\"spo2\":95,\"sp\\u006f2\":95")]
    [InlineData("\"note\":1,\"spo2\":95,\"note\":1")]
    public void A_repeated_key_rejects_the_message(string members)
    {
        var result = MeasurementPayloadParser.Parse(Measurement(members), Now);

        result.IsAccepted.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("more than once");
    }

    [Fact]
    public void A_repeated_measuredAt_rejects_the_message()
    {
        var result = MeasurementPayloadParser.Parse(Measurement("\"measuredAt\":\"2025-03-10T11:58:00Z\",\"spo2\":95"), Now);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be("measuredAt");
    }

    [Fact]
    public void Every_broken_rule_is_reported_not_just_the_first()
    {
        var result = MeasurementPayloadParser.Parse(
            Utf8("""{"spo2":101,"heartRate":"80","feeling":"fine"}"""), Now);

        result.Errors.Select(e => e.Field).Should().BeEquivalentTo("spo2", "heartRate", "feeling", "measuredAt");
    }

    [Fact]
    public void The_messageId_of_a_rejected_message_is_kept_for_the_error_reply()
    {
        var result = MeasurementPayloadParser.Parse(Measurement("\"spo2\":120,\"messageId\":\"m-9\""), Now);

        result.IsAccepted.Should().BeFalse();
        result.MessageId.Should().Be("m-9");
    }

    [Fact]
    public void A_messageId_written_with_escapes_is_read_unescaped()
    {
        var result = MeasurementPayloadParser.Parse(Measurement("\"spo2\":95,\"messageId\":\"m\\u002d\\\"1\\\"\""), Now);

        result.MessageId.Should().Be("m-\"1\"");
    }

    [Fact]
    public void An_error_message_quotes_the_number_that_was_sent()
    {
        var result = MeasurementPayloadParser.Parse(Measurement("\"heartRate\":251"), Now);

        result.Errors.Single().Message.Should().Be("Must be a whole number from 20 to 250; got 251.");
    }

    private static byte[] WithField(string field, string value)
    {
        var content = field is "spo2" or "heartRate" or "respiratoryRate" or "oxygenFlow" or "temperature" or "perfusionIndex" or "feeling"
            ? string.Empty
            : "\"feeling\":\"same\",";
        return field == "measuredAt"
            ? Utf8($$"""{"spo2":95,"measuredAt":{{value}}}""")
            : Measurement($"{content}\"{field}\":{value}");
    }
}
