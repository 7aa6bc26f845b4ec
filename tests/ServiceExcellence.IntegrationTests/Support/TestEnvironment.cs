using System.Runtime.CompilerServices;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>
/// Runs before any test: each app host a test starts would otherwise watch its configuration files
/// through inotify, and a suite that starts hundreds of hosts runs out of inotify instances.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Initialise()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
