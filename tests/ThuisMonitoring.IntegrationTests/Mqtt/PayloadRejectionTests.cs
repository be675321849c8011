using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>
/// CONTRACT §2: a message that breaks any rule is rejected whole — MQTT 5 PUBACK 0x99 Payload format invalid, a
/// message on <c>.../errors</c> naming the field, and nothing stored.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class PayloadRejectionTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private const int PayloadFormatInvalid = 0x99;

    private readonly HostLog _log = new(shared.Host, output);

    public static TheoryData<string, string, string> InvalidMeasurements()
    {
        var now = DateTimeOffset.UtcNow;
        return new TheoryData<string, string, string>
        {
            { "spo2 above 100", """{"measuredAt":"{now}","messageId":"{id}","spo2":300}""", "spo2" },
            { "spo2 as text", """{"measuredAt":"{now}","messageId":"{id}","spo2":"95"}""", "spo2" },
            { "heart rate not whole", """{"measuredAt":"{now}","messageId":"{id}","heartRate":80.5}""", "heartRate" },
            { "oxygen flow above 15", """{"measuredAt":"{now}","messageId":"{id}","spo2":95,"oxygenFlow":16}""", "oxygenFlow" },
            { "temperature below 30", """{"measuredAt":"{now}","messageId":"{id}","temperature":29.9}""", "temperature" },
            { "unknown feeling", """{"measuredAt":"{now}","messageId":"{id}","feeling":"great"}""", "feeling" },
            { "exertion not a boolean", """{"measuredAt":"{now}","messageId":"{id}","spo2":95,"exertion":"yes"}""", "exertion" },
            { "measuredAt missing", """{"messageId":"{id}","spo2":95}""", "measuredAt" },
            { "measuredAt without offset", """{"measuredAt":"2025-01-31T07:15:00","messageId":"{id}","spo2":95}""", "measuredAt" },
            { "measuredAt in the future", $$"""{"measuredAt":"{{now.AddMinutes(30):O}}","messageId":"{id}","spo2":95}""", "measuredAt" },
            { "measuredAt older than 7 days", $$"""{"measuredAt":"{{now.AddDays(-8):O}}","messageId":"{id}","spo2":95}""", "measuredAt" },
            { "batch with one bad item", """[{"measuredAt":"{now}","messageId":"{id}","spo2":95},{"measuredAt":"{now}","spo2":101}]""", "[1].spo2" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidMeasurements))]
    public async Task An_invalid_measurement_gets_PUBACK_0x99_and_an_error_naming_the_field(string flaw, string template, string field)
    {
        var patient = await shared.Ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();
        var payload = template
            .Replace("{now}", DateTimeOffset.UtcNow.ToString("O"), StringComparison.Ordinal)
            .Replace("{id}", messageId, StringComparison.Ordinal);
        using var errors = await shared.Mosquitto.SubscribeAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.ErrorsTopic);

        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);

        run.PubAckReasonCodes.Should().Equal([PayloadFormatInvalid], $"{flaw}: {run}");
        run.StandardError.Should().ContainEquivalentOf("payload format invalid");
        var received = await errors.MessagesAsync();
        received.Should().ContainSingle(errors.Output);
        var error = received[0].Json;
        if (!payload.StartsWith('['))
        {
            // For a batch the contract does not say which item's messageId the error carries.
            error.GetProperty("messageId").GetString().Should().Be(messageId);
        }

        var reported = error.GetProperty("errors").EnumerateArray().ToList();
        reported.Should().Contain(e => e.GetProperty("field").GetString() == field, $"{flaw}: {received[0].Payload}");
        reported.Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.GetProperty("message").GetString()));
        (await shared.Ward.PatientAsync(patient.PatientId)).LastMeasurement.Should().BeNull("a rejected message is rejected whole");
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"measuredAt\":")]
    [InlineData("")]
    public async Task Unreadable_JSON_gets_PUBACK_0x99_and_an_error_without_messageId(string payload)
    {
        var patient = await shared.Ward.AdmitAsync();
        using var errors = await shared.Mosquitto.SubscribeAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.ErrorsTopic);

        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);

        run.PubAckReasonCodes.Should().Equal([PayloadFormatInvalid], run.ToString());
        var received = await errors.MessagesAsync();
        received.Should().ContainSingle(errors.Output);
        var error = received[0].Json;
        error.GetProperty("messageId").ValueKind.Should().Be(JsonValueKind.Null);
        error.GetProperty("errors").GetArrayLength().Should().BePositive();
    }

    public void Dispose() => _log.Dispose();
}
