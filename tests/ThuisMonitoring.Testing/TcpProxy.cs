using System.Net;
using System.Net.Sockets;

namespace ThuisMonitoring.Testing;

/// <summary>
/// A loopback TCP relay between a client (the browser) and a server (the host), to cut the network in a test:
/// <see cref="Cut"/> closes every relayed connection and refuses new ones (the listening port is closed, so a connect
/// is answered with a reset), <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();
    private Task _accepting = Task.CompletedTask;

    private TcpProxy(int port, IPEndPoint target)
    {
        Port = port;
        _target = target;
    }

    /// <summary>The port the client connects to.</summary>
    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool IsCut { get; private set; }

    /// <summary>Number of relayed connections open right now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Starts relaying a free loopback port to <paramref name="targetPort"/> on loopback.</summary>
    public static TcpProxy Start(int targetPort)
    {
        var proxy = new TcpProxy(FreePort.Next(), new IPEndPoint(IPAddress.Loopback, targetPort));
        proxy.Listen();
        return proxy;
    }

    /// <summary>Drops every relayed connection and stops listening, so new connections are refused.</summary>
    public void Cut()
    {
        IsCut = true;
        _running.Cancel();
        _listener?.Stop();
        _listener = null;
        List<TcpClient> open;
        lock (_gate)
        {
            open = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in open)
        {
            // Linger 0: an abortive close (RST), as a dropped network looks to the browser rather than a polite FIN.
            try
            {
                // Null once the relay has closed it itself.
                connection.Client?.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                // Already closed by the other side.
            }

            connection.Dispose();
        }
    }

    /// <summary>Listens on the same port again.</summary>
    public void Restore()
    {
        if (!IsCut)
        {
            return;
        }

        IsCut = false;
        Listen();
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _running.Dispose();
    }

    private void Listen()
    {
        _running.Dispose();
        _running = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, Port);
        // The port was in use a moment ago (connections in TIME_WAIT): listening on it again must still succeed.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener, _running.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var server = new TcpClient();
        lock (_gate)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            client.NoDelay = true;
            server.NoDelay = true;
            await server.ConnectAsync(_target, cancellationToken);
            var clientStream = client.GetStream();
            var serverStream = server.GetStream();
            // Either direction ending ends both: the relay is a wire, not a buffer.
            await Task.WhenAny(
                clientStream.CopyToAsync(serverStream, cancellationToken),
                serverStream.CopyToAsync(clientStream, cancellationToken));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The cut, or one side closing: both are closed below.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(client);
                _connections.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }
}
