using System.Net;
using System.Net.Sockets;

namespace ThuisMonitoring.DeviceSimulator.Tests.Restart;

/// <summary>
/// A peer that accepts every MQTT 5 connection (CONNACK success) and then never answers anything: publishes get no
/// PUBACK, as from a host whose process is gone while its connections look open.
/// </summary>
internal sealed class SilentBroker : IAsyncDisposable
{
    // CONNACK: type 2, remaining length 3, no session present, reason Success, no properties.
    private static readonly byte[] ConnAck = [0x20, 0x03, 0x00, 0x00, 0x00];
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public SilentBroker()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            try
            {
                // The CONNECT (whatever it says), the CONNACK, then everything read and nothing answered.
                if (await stream.ReadAsync(buffer, _stop.Token) == 0)
                {
                    return;
                }

                await stream.WriteAsync(ConnAck, _stop.Token);
                while (await stream.ReadAsync(buffer, _stop.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The device or the test closed the connection.
            }
        }
    }
}
