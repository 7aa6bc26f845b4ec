using YamlDotNet.RepresentationModel;

namespace ServiceExcellence.UnitTests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run on machines without a Docker engine; these checks keep it valid
/// and pointed at SQL Server and the SMTP catcher.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string Root = FindRoot();

    private static YamlMappingNode Services()
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    [Fact]
    public void The_compose_file_starts_the_app_SQL_Server_and_an_SMTP_catcher()
    {
        var services = Services();

        Assert.Equal(["app", "smtpcatcher", "sqlserver"], services.Children.Keys.Select(k => k.ToString()).Order().ToArray());
    }

    [Fact]
    public void The_app_runs_on_SQL_Server_and_sends_to_the_catcher()
    {
        var app = (YamlMappingNode)Services()["app"];
        var environment = (YamlMappingNode)app["environment"];
        var build = (YamlMappingNode)app["build"];

        Assert.Equal("SqlServer", environment["Database__Provider"].ToString());
        Assert.Contains("Server=sqlserver", environment["ConnectionStrings__ServiceExcellence"].ToString(), StringComparison.Ordinal);
        Assert.Equal("smtpcatcher", environment["Email__Smtp__Host"].ToString());
        Assert.True(File.Exists(Path.Combine(Root, build["dockerfile"].ToString())));
    }

    [Fact]
    public void No_password_is_written_into_the_compose_file()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));

        Assert.DoesNotContain("Password=", text.Replace("Password=${MSSQL_SA_PASSWORD", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("${MSSQL_SA_PASSWORD:?", text, StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServiceExcellence.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
