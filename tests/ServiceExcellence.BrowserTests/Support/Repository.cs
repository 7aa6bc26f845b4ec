namespace ServiceExcellence.BrowserTests.Support;

/// <summary>Paths the tests read from and write to, found from the test assembly's folder.</summary>
public static class Repository
{
    /// <summary>The repository root: the nearest folder above the test binaries holding ServiceExcellence.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Full-page screenshots of the pages the tests visit, for a human to look at after a run.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root, "TestResults", "screenshots")).FullName;

    /// <summary>axe-core, copied next to the test binaries by the build once `npm ci` has run in the project folder.</summary>
    public static string AxeScript => Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServiceExcellence.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ServiceExcellence.sln above {AppContext.BaseDirectory}.");
    }
}
