using System.Text.RegularExpressions;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// Issue 9: refused device logins are throttled per source address and their logging is sampled. The attacker sends
/// 200 wrong secrets in a row from 127.0.0.3 (mosquitto_pub -A binds the source address); the device itself, at
/// 127.0.0.1, is not locked out.
/// </summary>
[Collection(GuardedBrokerCollection.Name)]
public sealed partial class DeviceLoginThrottleTests(GuardedBrokerHost guarded, ITestOutputHelper output) : IDisposable
{
    private const string AttackerAddress = "127.0.0.3";
    private readonly HostLog _log = new(guarded.Host, output);

    [Fact]
    public async Task Two_hundred_wrong_secrets_from_one_address_are_throttled_and_logged_a_few_times_only()
    {
        var patient = await guarded.Ward.AdmitAsync();
        string[] fromAttacker = ["-A", AttackerAddress];
        var codes = new List<int?>();
        for (var i = 0; i < 200; i++)
        {
            var run = await guarded.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, $"guess-{i}",
                patient.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()), options: fromAttacker);
            codes.Add(run.ConnAckCode);
        }

        output.WriteLine(string.Join(",", codes));
        codes.Take(GuardedBrokerHost.RefusedLoginsPerAddress).Should().AllBeEquivalentTo(0x86, "the first refusals are 'bad user name or password'");
        codes.Skip(GuardedBrokerHost.RefusedLoginsPerAddress).Should().AllBeEquivalentTo(0x9F, "then the address is refused outright: connection rate exceeded");

        // Even the right secret is refused from the throttled address...
        var right = await guarded.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()), options: fromAttacker);
        right.ConnAckCode.Should().Be(0x9F, right.ToString());

        // ...but the patient's meter, elsewhere, is not locked out.
        var messageId = Measurement.NewMessageId();
        var meter = await guarded.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(messageId));
        meter.PubAckReasonCodes.Should().Equal([0], meter.ToString());
        await guarded.Ward.LastMeasurementIsAsync(patient.PatientId, messageId);

        var refusalLines = RefusedLine().Matches(_log.SinceStart).Count;
        output.WriteLine($"{refusalLines} refusal lines logged for 201 refusals");
        refusalLines.Should().BeInRange(1, 12, "refusals are logged sampled: the first few a minute, then one summary");
    }

    public void Dispose() => _log.Dispose();

    [GeneratedRegex(@"MQTT connection refused for device")]
    private static partial Regex RefusedLine();
}
