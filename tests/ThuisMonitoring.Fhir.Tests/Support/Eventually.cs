using System.Diagnostics;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>Waits for something the host does asynchronously (a measurement to be evaluated, a notification to arrive).</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var last = await read();
        while (!done(last))
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"Timed out waiting for {what}; last: {last}");
            }

            await Task.Delay(100);
            last = await read();
        }

        return last;
    }
}
