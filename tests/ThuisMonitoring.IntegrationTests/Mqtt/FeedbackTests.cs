using System.Text.RegularExpressions;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>CONTRACT §2: an accepted measurement is answered on <c>.../feedback</c> with its messageId, a level and Dutch text.</summary>
[Collection(SharedHostCollection.Name)]
public sealed partial class FeedbackTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    // PROTOCOL.md §2 examples on 2 L/min: SpO2 97 green, 93 orange (spo2-low), 88 red (spo2-critical).
    [Theory]
    [InlineData(MosquittoClients.V5, 97, "green")]
    [InlineData(MosquittoClients.V5, 93, "orange")]
    [InlineData(MosquittoClients.V5, 88, "red")]
    [InlineData(MosquittoClients.V311, 97, "green")]
    public async Task A_valid_measurement_is_answered_with_level_and_Dutch_text(string version, int spo2, string level)
    {
        var patient = await shared.Ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();
        using var feedback = await shared.Mosquitto.SubscribeAsync(version, patient.Device.DeviceId, patient.Device.Secret, patient.Device.FeedbackTopic);
        var sentAt = DateTimeOffset.UtcNow;

        var run = await shared.Mosquitto.PublishAsync(version, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: spo2, oxygenFlow: 2.0));

        run.ExitCode.Should().Be(0, run.ToString());
        var received = await feedback.MessagesAsync();
        received.Should().ContainSingle(feedback.Output);
        received[0].Topic.Should().Be(patient.Device.FeedbackTopic);
        var answer = received[0].Json;
        answer.GetProperty("messageId").GetString().Should().Be(messageId);
        answer.GetProperty("level").GetString().Should().Be(level);
        answer.GetProperty("receivedAt").GetDateTimeOffset().Should().BeCloseTo(sentAt, TimeSpan.FromSeconds(30));
        var text = answer.GetProperty("text").GetString();
        text.Should().NotBeNullOrWhiteSpace();
        DutchWords().IsMatch(text!).Should().BeTrue($"the feedback is in Dutch by default: \"{text}\"");
    }

    [Fact]
    public async Task A_feeling_alone_is_a_measurement_and_is_answered()
    {
        var patient = await shared.Ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();
        using var feedback = await shared.Mosquitto.SubscribeAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.FeedbackTopic);

        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageId, feeling: "worse"));

        var received = await feedback.MessagesAsync();
        received.Should().ContainSingle(feedback.Output);
        received[0].Json.GetProperty("messageId").GetString().Should().Be(messageId);
        received[0].Json.GetProperty("level").GetString().Should().Be("orange", "feeling worse is an orange feels-worse finding");
    }

    public void Dispose() => _log.Dispose();

    // Common Dutch function words; none of them is an English word that a default English text would use.
    [GeneratedRegex(@"\b(uw|u|de|het|een|en|niet|bel|meet|waarden|goed|direct|nu)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DutchWords();
}
