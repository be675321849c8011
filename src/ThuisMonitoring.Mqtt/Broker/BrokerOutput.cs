using System.IO.Pipelines;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// The connection's output as the broker sees it: everything passes through, except that the broker completing it
/// (MQTTnet completes it with the exception that ended a connection, which makes Kestrel reset the socket at once)
/// is left to <see cref="DeviceConnectionHandler"/>, which closes the connection when the broker is done with it.
/// </summary>
internal sealed class BrokerOutput(PipeWriter transport) : PipeWriter
{
    public override void Advance(int bytes) => transport.Advance(bytes);

    public override void CancelPendingFlush() => transport.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
    }

    public override ValueTask CompleteAsync(Exception? exception = null) => ValueTask.CompletedTask;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => transport.FlushAsync(cancellationToken);

    public override Memory<byte> GetMemory(int sizeHint = 0) => transport.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => transport.GetSpan(sizeHint);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        transport.WriteAsync(source, cancellationToken);
}
