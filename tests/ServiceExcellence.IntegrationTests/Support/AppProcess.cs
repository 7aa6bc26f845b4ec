using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>
/// The built app as a separate operating-system process (<c>dotnet ServiceExcellence.Web.dll</c>), as it runs
/// in production: for tests of several instances on one database and of a process killed mid-work.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Every line the process wrote to standard output and error so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    /// <summary>How many emails this instance logged as sent (the dispatcher's "Sent …" line, at Information).</summary>
    public int SentEmails => _output.Count(line => line.Contains("\"@m\":\"Sent ", StringComparison.Ordinal));

    /// <summary>Starts an instance on the SQLite file, with <paramref name="settings"/> as environment configuration.</summary>
    public static AppProcess Start(string databasePath, IReadOnlyDictionary<string, string> settings)
    {
        var web = WebAssembly();
        var start = new ProcessStartInfo("dotnet", [web, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
            ["ConnectionStrings__ServiceExcellence"] = $"Data Source={databasePath}",
            ["Database__Provider"] = "Sqlite",
            ["Database__SeedDemoData"] = "false",
            ["Jobs__Enabled"] = "false",
            ["Security__SecureCookies"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new AppProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {web}"));
    }

    /// <summary>Ends the process at once, as a crash or <c>kill -9</c> would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>The Web project's own build output, in the same configuration as these tests.</summary>
    private static string WebAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ServiceExcellence.sln")))
        {
            root = root.Parent;
        }

        var web = Path.Combine(root?.FullName ?? ".", "src", "ServiceExcellence.Web", "bin", configuration, "net10.0", "ServiceExcellence.Web.dll");
        return File.Exists(web) ? web : throw new FileNotFoundException($"Build the solution first: {web} is missing", web);
    }
}
