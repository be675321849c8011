using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.IntegrationTests.Transport;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 9: a port that is taken stops the start at once with one clear line naming the port and the key to change,
/// instead of a stack trace, or (Orleans) sharing the port with the other process without any error.
/// </summary>
public sealed class PortInUseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan QuickExit = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("Urls")]
    [InlineData("Mqtt:Port")]
    [InlineData("Mqtt:TlsPort")]
    [InlineData("Cluster:SiloPort")]
    [InlineData("Cluster:GatewayPort")]
    public async Task A_port_taken_by_another_process_stops_the_start_with_one_clear_line(string key)
    {
        var ports = HostPorts.Free();
        var tlsPort = FreePort.Next();
        var secondUrlPort = FreePort.Next();
        var taken = key switch
        {
            // A second address: the test polls the first for readiness, and the test's listener would never answer.
            "Urls" => secondUrlPort,
            "Mqtt:Port" => ports.Mqtt,
            "Mqtt:TlsPort" => tlsPort,
            "Cluster:SiloPort" => ports.Silo,
            _ => ports.Gateway,
        };
        using var other = new TcpListener(IPAddress.Loopback, taken);
        other.Start();
        using var certificate = SelfSignedCertificate.Create();
        using var files = certificate.WriteFiles();
        var settings = new Dictionary<string, string>
        {
            ["Mqtt:TlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tls:CertificatePath"] = files.PfxPath,
            ["Tls:CertificatePassword"] = files.Password,
            ["Urls"] = $"http://127.0.0.1:{ports.Http};http://127.0.0.1:{secondUrlPort}",
        };

        var refusal = await StartRefusedAsync(ports, settings);

        refusal.Message.Should().Contain($"Port {taken} ({key}) is already in use");
    }

    [Fact]
    public async Task A_second_host_on_the_same_Orleans_ports_exits_with_a_clear_error()
    {
        await using var first = await HostProcess.StartAsync();
        try
        {
            var second = HostPorts.Free() with { Silo = first.Ports.Silo, Gateway = first.Ports.Gateway };

            var refusal = await StartRefusedAsync(second);

            refusal.Message.Should().Contain($"Port {first.Ports.Silo} (Cluster:SiloPort) is already in use");
            using var ready = await first.Http.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.OK, "the first host is not disturbed");
        }
        finally
        {
            HostLog.WriteAll(first, output);
        }
    }

    [Fact]
    public async Task A_restart_on_the_same_ports_right_after_a_stop_is_not_mistaken_for_a_clash()
    {
        var first = await HostProcess.StartAsync();
        await using (first)
        {
            using var ward = await Ward.OpenAsync(first);
            var patient = await ward.AdmitAsync();
            await using var device = MqttDevice.OverTcp(patient.Device, first.MqttPort);
            await device.ConnectAsync();

            await first.StopAsync();
            first.ExitCode.Should().Be(0);
        }

        // What a stopping server leaves behind on its ports when it closed connections first (TIME_WAIT), made sure of.
        foreach (var port in new[] { first.Ports.Http, first.Ports.Mqtt, first.Ports.Silo, first.Ports.Gateway })
        {
            await LeaveClosedConnectionAsync(port);
        }

        await using var second = await HostProcess.StartAsync(ports: first.Ports, readyTimeout: QuickExit + QuickExit);
        using var ready = await second.Http.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_listeners_configured_on_one_port_is_a_clear_error_too()
    {
        var ports = HostPorts.Free();

        var refusal = await StartRefusedAsync(ports with { Gateway = ports.Mqtt });

        refusal.Message.Should().Contain($"Port {ports.Mqtt} is configured for more than one listener (Mqtt:Port, Cluster:GatewayPort)");
    }

    /// <summary>Accepts one connection on the port and closes it from the server side first: TIME_WAIT on that port.</summary>
    private static async Task LeaveClosedConnectionAsync(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using (var accepted = await listener.AcceptTcpClientAsync())
        {
            accepted.Client.Shutdown(SocketShutdown.Both);
        }

        await Task.Delay(50);
        client.Close();
        listener.Stop();
    }

    /// <summary>Starts a host that must not get ready: it exits non-zero, quickly, and says why.</summary>
    private async Task<InvalidOperationException> StartRefusedAsync(HostPorts ports, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = Stopwatch.StartNew();
        var start = () => HostProcess.StartAsync(ports: ports, settings: settings, readyTimeout: QuickExit);
        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>("the host must exit, not get ready")).Which;
        output.WriteLine(refusal.Message);
        clock.Elapsed.Should().BeLessThan(QuickExit);
        refusal.Message.Should().Contain("exited with code 1");
        refusal.Message.Split('\n').Count(l => l.Contains("already in use", StringComparison.Ordinal) || l.Contains("more than one listener", StringComparison.Ordinal))
            .Should().Be(1, "one clear line, not a stack trace");
        refusal.Message.Should().NotContain("   at ", "no stack trace");
        return refusal;
    }
}
