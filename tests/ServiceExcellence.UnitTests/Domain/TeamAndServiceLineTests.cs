using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.UnitTests.Domain;

public sealed class TeamAndServiceLineTests
{
    [Fact]
    public void The_manager_of_a_team_is_one_of_its_members()
    {
        var team = new Team("Field Service", TeamKind.Operations);
        var manager = Guid.NewGuid();

        team.AppointManager(manager);

        Assert.True(team.HasMember(manager));
        Assert.Equal(manager, team.ManagerId);
    }

    [Fact]
    public void The_manager_cannot_be_removed_before_another_is_appointed()
    {
        var team = new Team("Field Service", TeamKind.Operations);
        var manager = Guid.NewGuid();
        team.AppointManager(manager);

        Assert.Throws<DomainException>(() => team.RemoveMember(manager));

        team.AppointManager(null);
        team.RemoveMember(manager);
        Assert.False(team.HasMember(manager));
    }

    [Fact]
    public void Adding_a_member_twice_keeps_one_membership()
    {
        var team = new Team("Billing", TeamKind.Operations);
        var person = Guid.NewGuid();

        team.AddMember(person);
        team.AddMember(person);

        Assert.Single(team.Members);
    }

    [Theory]
    [InlineData(TeamKind.Client)]
    [InlineData(TeamKind.KeySuccess)]
    public void A_service_line_is_owned_by_an_operations_team(TeamKind kind)
    {
        var team = new Team("Not operations", kind);

        Assert.Throws<DomainException>(() => new ServiceLine("REPAIR", "Field repair", team));
    }

    [Fact]
    public void Service_line_codes_are_upper_case()
    {
        var line = new ServiceLine(" repair ", "Field repair", new Team("Field Service", TeamKind.Operations));

        Assert.Equal("REPAIR", line.Code);
    }
}
