using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Benchmarks;

/// <summary>
/// Where the bytes of <see cref="MemoryPerPatient"/>'s "monitor after a minute" go: the objects reachable from one
/// activated monitor and not from a second one of the same state (so the protocol and other shared objects do not
/// count), by type and by field path, with their shallow sizes (the type's base size; arrays and strings by length).
/// A diagnostic for issue 14 (`--heapwalk FILE`), not a measurement: <see cref="MemoryPerPatient"/> is.
/// </summary>
public static class HeapWalk
{
    public static string Table()
    {
        var sb = new StringBuilder();
        foreach (var into in new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(14) })
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new MonitoredPatient(into).State(), StoredJson.Options);
            var a = Activate(json);
            var b = Activate(json);
            var shared = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Walk(b, shared, null, "", null);
            var mine = new HashSet<object>(ReferenceEqualityComparer.Instance);
            var byType = new Dictionary<string, (int Count, long Bytes)>();
            var byPath = new Dictionary<string, (int Count, long Bytes)>();
            Walk(a, mine, shared, "monitor", (o, path) =>
            {
                var size = SizeOf(o);
                var t = o.GetType().Name;
                byType[t] = byType.TryGetValue(t, out var v) ? (v.Count + 1, v.Bytes + size) : (1, size);
                byPath[path] = byPath.TryGetValue(path, out var w) ? (w.Count + 1, w.Bytes + size) : (1, size);
            });
            sb.AppendLine($"== {into} total {byType.Values.Sum(v => v.Bytes)} objects {byType.Values.Sum(v => v.Count)}");
            foreach (var (k, v) in byType.OrderByDescending(kv => kv.Value.Bytes).Take(40)) sb.AppendLine($"  {v.Bytes,8} {v.Count,6} {k}");
            sb.AppendLine("  -- by path");
            foreach (var (k, v) in byPath.OrderByDescending(kv => kv.Value.Bytes).Take(60)) sb.AppendLine($"  {v.Bytes,8} {v.Count,6} {k}");
        }
        return sb.ToString();
    }

    private static PatientMonitor Activate(byte[] json)
    {
        var state = JsonSerializer.Deserialize<PatientGrainState>(json, StoredJson.Options)!;
        var monitor = new PatientMonitor(state.Snapshot, state.Streams, state.ContinuousSampleAt, () => Guid.NewGuid().ToString("N"));
        var source = new MonitoredPatient(TimeSpan.Zero);
        var at = state.ContinuousSampleAt!.Value;
        var message = new Measurement[1];
        for (var i = 0; i < 60; i++)
        {
            at = at.AddSeconds(1);
            message[0] = source.NextSample(at);
            monitor.Record(message, DeviceKind.Oximeter, MonitoredPatient.DeviceId, CovidOxygenProtocol.Default, at);
        }
        return monitor;
    }

    private static readonly Dictionary<Type, FieldInfo[]> Fields = [];

    private static FieldInfo[] FieldsOf(Type t)
    {
        if (!Fields.TryGetValue(t, out var f))
        {
            var list = new List<FieldInfo>();
            for (var c = t; c != null; c = c.BaseType)
                list.AddRange(c.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly));
            f = [.. list];
            Fields[t] = f;
        }
        return f;
    }

    private static long SizeOf(object o)
    {
        var t = o.GetType();
        if (o is string s) return Align(22 + 2L * s.Length);
        if (o is Array arr)
        {
            var et = t.GetElementType()!;
            long es = et.IsValueType ? (int)typeof(Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(et).Invoke(null, null)! : 8;
            return Align(24 + es * arr.Length);
        }
        return Marshal.ReadInt32(t.TypeHandle.Value, 4);
    }

    private static long Align(long n) => (n + 7) & ~7L;

    private static void Walk(object root, HashSet<object> seen, HashSet<object>? exclude, string path, Action<object, string>? visit)
    {
        var stack = new Stack<(object, string)>();
        stack.Push((root, path));
        while (stack.Count > 0)
        {
            var (o, p) = stack.Pop();
            if (o is Type || o is Delegate || o is MemberInfo || o is Assembly) continue;
            if (exclude != null && exclude.Contains(o)) continue;
            if (!seen.Add(o)) continue;
            visit?.Invoke(o, p);
            var t = o.GetType();
            if (o is Array arr)
            {
                var et = t.GetElementType()!;
                if (!et.IsValueType) { foreach (var e in arr) if (e != null) stack.Push((e, p + "[]")); }
                else if (!et.IsPrimitive && !et.IsEnum) { foreach (var e in arr) WalkValue(e, et, p + "[]", stack); }
                continue;
            }
            if (o is string) continue;
            WalkValue(o, t, p, stack);
        }
    }

    private static void WalkValue(object? boxed, Type t, string p, Stack<(object, string)> stack)
    {
        if (boxed is null) return;
        foreach (var f in FieldsOf(t))
        {
            var ft = f.FieldType;
            if (ft.IsPrimitive || ft.IsEnum || ft.IsPointer || ft == typeof(DateTimeOffset) || ft == typeof(DateTime) || ft == typeof(TimeSpan) || ft == typeof(decimal)) continue;
            var v = f.GetValue(boxed);
            if (v is null) continue;
            var name = p.Length > 120 ? p : p + "." + Short(f.Name);
            // A value (a struct field, or the value of a Nullable) is walked in place; an object is pushed.
            if (v.GetType().IsValueType)
            {
                WalkValue(v, v.GetType(), name, stack);
            }
            else
            {
                stack.Push((v, name));
            }
        }
    }

    private static string Short(string n) => n.StartsWith('<') ? n[1..n.IndexOf('>')] : n;
}
