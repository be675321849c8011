using System.Diagnostics;
using System.Net;
using MQTTnet;
using MQTTnet.Exceptions;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>
/// CONTRACT §2: "The broker and the host never crash on any payload." One MQTTnet 5 client sends 5,000 hostile
/// payloads with a valid measurement every tenth; each bad one is refused, each valid one stored exactly once.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class PayloadRobustnessTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20210401;
    private const int Count = 5_000;

    /// <summary>Larger payloads may be refused by the broker's packet size limit instead (a disconnect).</summary>
    private const int LargestPayloadOwedAPubAck = 256 * 1024;

    private readonly HostLog _log = new(shared.Host, output);

    [Fact]
    public async Task Five_thousand_hostile_payloads_are_refused_one_by_one_and_every_valid_measurement_is_stored_once()
    {
        var patient = await shared.Ward.AdmitAsync();
        var payloads = new HostilePayloads(Seed, DateTimeOffset.UtcNow.AddHours(-1)).Take(Count, megabyteAt: Count / 2).ToList();
        var validMessages = payloads.Where(p => p.IsValid).ToList();
        var validIds = validMessages.SelectMany(p => p.ValidMessageIds).ToList();
        await using var device = MqttDevice.OverTcp(patient.Device, shared.Host.MqttPort);
        (await device.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);

        var clock = Stopwatch.StartNew();
        var wrong = new List<string>();
        var refusals = new Dictionary<string, int>();
        var payloadFormatInvalid = 0;
        foreach (var payload in payloads)
        {
            MqttClientPublishReasonCode code;
            try
            {
                code = await device.PublishMeasurementAsync(payload.Bytes);
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                if (payload.IsValid || payload.Bytes.Length <= LargestPayloadOwedAPubAck)
                {
                    wrong.Add($"{payload}: no PUBACK ({e.GetType().Name}: {e.Message})");
                }

                Tally(refusals, "disconnected");
                (await device.ReconnectAsync()).Should().Be(MqttClientConnectResultCode.Success, "the device reconnects after the refusal");
                continue;
            }

            if (payload.IsValid && code != MqttClientPublishReasonCode.Success)
            {
                wrong.Add($"{payload}: valid, but PUBACK {code}");
            }
            else if (!payload.IsValid && (int)code < 0x80)
            {
                wrong.Add($"{payload}: invalid, but PUBACK {code}");
            }
            else if (!payload.IsValid)
            {
                Tally(refusals, code.ToString());
                payloadFormatInvalid += code == MqttClientPublishReasonCode.PayloadFormatInvalid ? 1 : 0;
            }
        }

        clock.Stop();
        output.WriteLine($"{Count} payloads in {clock.Elapsed.TotalSeconds:F1} s; {validMessages.Count} valid messages with {validIds.Count} measurements; refusals: "
            + string.Join(", ", refusals.Select(r => $"{r.Key} {r.Value}")));
        wrong.Should().BeEmpty();
        refusals.Values.Sum().Should().Be(Count - validMessages.Count);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));

        shared.Host.HasExited.Should().BeFalse();
        using (var ready = await shared.Host.Http.GetAsync("/health/ready"))
        {
            ready.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Each accepted message is answered on feedback (with the messageId of its last object), each 0x99 on errors.
        await Eventually.GetAsync(() => Task.FromResult(device.Feedback.Count), n => n >= validMessages.Count, TimeSpan.FromSeconds(15), "feedback for every valid message");
        device.Feedback.Select(f => System.Text.Json.JsonDocument.Parse(f).RootElement.GetProperty("messageId").GetString())
            .Should().BeEquivalentTo(validMessages.Select(p => p.ValidMessageIds[^1]));
        await Eventually.GetAsync(() => Task.FromResult(device.Errors.Count), n => n >= payloadFormatInvalid, TimeSpan.FromSeconds(15), "an error message for every 0x99");
        device.Errors.Should().HaveCount(payloadFormatInvalid);

        var stored = await MeasurementFile.MessageIdsOfAsync(shared.Host, patient.Device.DeviceId);
        stored.Should().Equal(validIds, "every valid measurement is stored once and nothing of a rejected message is");
        (await shared.Ward.PatientAsync(patient.PatientId)).LastMeasurement!.MessageId.Should().Be(validIds[^1]);
        HostLog.Problems(_log.SinceStart).Should().NotContain("fail:", "no payload may make ingestion throw");
    }

    [Fact]
    public void The_hostile_stream_is_the_same_every_run()
    {
        var start = new DateTimeOffset(2025, 1, 31, 7, 0, 0, TimeSpan.Zero);

        var first = new HostilePayloads(Seed, start).Take(300, megabyteAt: -1).Select(p => (p.Kind, p.Bytes.Length, p.ValidMessageIds.Count)).ToList();
        var second = new HostilePayloads(Seed, start).Take(300, megabyteAt: -1).Select(p => (p.Kind, p.Bytes.Length, p.ValidMessageIds.Count)).ToList();

        second.Should().Equal(first);
        first.Select(p => p.Kind).Distinct().Should().HaveCountGreaterThan(8, "the stream mixes every kind of hostile payload");
    }

    public void Dispose() => _log.Dispose();

    private static void Tally(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
