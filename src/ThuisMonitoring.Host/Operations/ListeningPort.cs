using System.Net;
using System.Net.Sockets;

namespace ThuisMonitoring.Host.Operations;

/// <summary>One port the host listens on, with the configuration key that sets it (for the start-up error).</summary>
public sealed record ListeningPort(string Key, IPAddress Address, int Port)
{
    /// <summary>
    /// Binds the address without address reuse and lets it go again. Orleans and Kestrel listen with address reuse
    /// (on Linux that is SO_REUSEPORT too), so two hosts would otherwise share a port without an error; a socket
    /// that asks for no sharing is refused by any listener already there.
    /// </summary>
    public bool IsFree()
    {
        using var socket = new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.ExclusiveAddressUse = true;
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

    public override string ToString() => $"{Address}:{Port} ({Key})";
}
