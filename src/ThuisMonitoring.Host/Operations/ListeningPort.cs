using System.Net;
using System.Net.Sockets;

namespace ThuisMonitoring.Host.Operations;

/// <summary>One port the host listens on, with the configuration key that sets it (for the start-up error).</summary>
public sealed record ListeningPort(string Key, IPAddress Address, int Port)
{
    /// <summary>
    /// Binds the address without port sharing and lets it go again. .NET's ReuseAddress, which Orleans and Kestrel
    /// listen with, is SO_REUSEADDR plus SO_REUSEPORT on Linux and macOS, so two hosts would share a port without an
    /// error; a socket without SO_REUSEPORT is refused by any listener already there. It does ask for plain
    /// SO_REUSEADDR (.NET sets it on Unix sockets anyway; said here so the probe does not depend on it), so the
    /// connections a host just closed (TIME_WAIT) do not block a restart on the same ports.
    /// </summary>
    public bool IsFree()
    {
        using var socket = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            AllowRestartOverClosedConnections(socket);
            socket.Bind(new IPEndPoint(Address, Port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not a clash (no IPv6, a privileged port): the listener itself reports it.
            return true;
        }
    }

    private static void AllowRestartOverClosedConnections(Socket socket)
    {
        // Plain SO_REUSEADDR (SOL_SOCKET, SO_REUSEADDR); Socket.ReuseAddress would add SO_REUSEPORT.
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1, 2, BitConverter.GetBytes(1));
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(0xffff, 0x4, BitConverter.GetBytes(1));
        }
        else
        {
            // Windows has no TIME_WAIT conflict for listeners; exclusive use refuses any other listener.
            socket.ExclusiveAddressUse = true;
        }
    }

    public override string ToString() => $"{Address}:{Port} ({Key})";
}
