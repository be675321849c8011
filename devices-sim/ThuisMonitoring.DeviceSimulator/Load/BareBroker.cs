using MQTTnet.Server;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// The yardstick of the closed-loop benchmark: a bare MQTTnet 5 broker on a loopback port, with no interception at all
/// (any client id and credentials, no validation, no storage), so the host's acknowledged rate can be compared with
/// what the same broker library does on the same machine when it does nothing else.
/// </summary>
public static class BareBroker
{
    public static async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(System.Net.IPAddress.None)
            .WithDefaultEndpointPort(port)
            .Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        Console.WriteLine($"Bare MQTTnet broker on 127.0.0.1:{port}; Ctrl+C or SIGTERM stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await server.StopAsync();
    }
}
