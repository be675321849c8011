using System.Globalization;
using System.Net;
using System.Text;
using MQTTnet;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Transport;

/// <summary>
/// Issue 9: HTTPS and MQTT over TLS with a configured certificate (docs/operations.md). The test makes a self-signed
/// certificate, starts the host with it and talks to it with clients that trust that certificate and nothing else.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_a_PKCS12_certificate_the_host_answers_HTTPS_and_takes_measurements_over_MQTT_TLS_from_mosquitto()
    {
        using var certificate = SelfSignedCertificate.Create();
        using var files = certificate.WriteFiles();
        var tls = new TlsPorts(FreePort.Next(), FreePort.Next());
        await using var host = await StartAsync(tls, new Dictionary<string, string>
        {
            ["Tls:CertificatePath"] = files.PfxPath,
            ["Tls:CertificatePassword"] = files.Password,
        });
        try
        {
            using var https = certificate.HttpClient(tls.HttpsBase);
            using (var ready = await https.GetAsync("/health/ready"))
            {
                ready.StatusCode.Should().Be(HttpStatusCode.OK);
                ready.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().StartWith("max-age=");
            }

            using (var plain = await host.Http.GetAsync("/health/ready"))
            {
                plain.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is sent over HTTPS only");
            }

            using var ward = await Ward.OpenAsync(host);
            var patient = await ward.AdmitAsync();
            var messageId = Measurement.NewMessageId();
            var run = await MosquittoPublishOverTlsAsync(tls.Mqtt, files.CertificatePemPath, patient.Device, Measurement.Green(messageId));

            run.ExitCode.Should().Be(0, run.ToString());
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            await ward.LastMeasurementIsAsync(patient.PatientId, messageId);

            // The test's certificate is valid for a day: the operator is told to renew it.
            host.Output.Should().Contain($"TLS certificate {certificate.Certificate.Subject} expires in ");
        }
        finally
        {
            HostLog.WriteAll(host, output);
        }
    }

    [Fact]
    public async Task With_a_PEM_certificate_and_key_an_MQTTnet_device_gets_its_feedback_over_TLS_and_a_staff_member_logs_in_over_HTTPS()
    {
        using var certificate = SelfSignedCertificate.Create();
        using var files = certificate.WriteFiles();
        var tls = new TlsPorts(FreePort.Next(), FreePort.Next());
        await using var host = await StartAsync(tls, new Dictionary<string, string>
        {
            ["Tls:CertificatePath"] = files.CertificatePemPath,
            ["Tls:KeyPath"] = files.KeyPemPath,
        });
        try
        {
            using var https = certificate.HttpClient(tls.HttpsBase);
            using (var login = await https.PostAsync("/api/auth/token", new StringContent(
                $$"""{"username":"admin","password":"{{HostProcess.AdminPassword}}"}""", Encoding.UTF8, "application/json")))
            {
                login.StatusCode.Should().Be(HttpStatusCode.OK);
            }

            using var ward = await Ward.OpenAsync(host);
            var patient = await ward.AdmitAsync();
            await using var device = MqttDevice.OverTls(patient.Device, tls.Mqtt, certificate.Validates);
            (await device.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);
            var messageId = Measurement.NewMessageId();

            (await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Measurement.Green(messageId)))).Should().Be(MqttClientPublishReasonCode.Success);

            var feedback = await Eventually.GetAsync(() => Task.FromResult(device.Feedback.ToArray()), f => f.Length > 0, null, "feedback over TLS");
            feedback[0].Should().Contain(messageId);
        }
        finally
        {
            HostLog.WriteAll(host, output);
        }
    }

    [Fact]
    public async Task A_device_that_does_not_trust_the_certificate_is_not_connected()
    {
        using var certificate = SelfSignedCertificate.Create();
        using var stranger = SelfSignedCertificate.Create();
        using var files = certificate.WriteFiles();
        var tls = new TlsPorts(FreePort.Next(), FreePort.Next());
        await using var host = await StartAsync(tls, new Dictionary<string, string> { ["Tls:CertificatePath"] = files.PfxPath, ["Tls:CertificatePassword"] = files.Password });
        using var ward = await Ward.OpenAsync(host);
        var patient = await ward.AdmitAsync();
        using var strangerFiles = stranger.WriteFiles();

        var run = await MosquittoPublishOverTlsAsync(tls.Mqtt, strangerFiles.CertificatePemPath, patient.Device, Measurement.Green(Measurement.NewMessageId()));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ConnAckCode.Should().BeNull("the TLS handshake fails before any MQTT packet");
    }

    [Fact]
    public async Task MQTT_over_TLS_without_a_certificate_stops_the_start_and_says_which_key_is_missing()
    {
        var start = () => StartAsync(new TlsPorts(FreePort.Next(), FreePort.Next()), []);

        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;

        refusal.Message.Should().Contain("exited with code").And.Contain("need a server certificate: set Tls:CertificatePath");
    }

    private static Task<HostProcess> StartAsync(TlsPorts tls, Dictionary<string, string> settings)
    {
        var ports = HostPorts.Free();
        settings["Urls"] = $"http://127.0.0.1:{ports.Http};https://127.0.0.1:{tls.Https}";
        settings["Mqtt:TlsPort"] = tls.Mqtt.ToString(CultureInfo.InvariantCulture);
        return HostProcess.StartAsync(ports: ports, settings: settings);
    }

    private static async Task<MosquittoRun> MosquittoPublishOverTlsAsync(int port, string caFile, BoundDevice device, string payload)
    {
        using var process = MosquittoClients.Start("mosquitto_pub",
        [
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--cafile", caFile, "-V", MosquittoClients.V5,
            "-u", device.DeviceId, "-P", device.Secret, "-t", device.MeasurementsTopic, "-q", "1", "-m", payload, "-d",
        ]);
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return new MosquittoRun(process.ExitCode, await standardOutput, await standardError);
    }

    private sealed record TlsPorts(int Https, int Mqtt)
    {
        public Uri HttpsBase => new($"https://127.0.0.1:{Https}");
    }
}
