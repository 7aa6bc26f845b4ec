using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceExcellence.Application.Common.Behaviours;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.UnitTests.Security;

public sealed class AuthorizationBehaviourTests
{
    private bool _handled;

    [Fact]
    public async Task An_administrator_may_send_an_administrators_command()
    {
        var response = await SendAsync(new AdministratorsCommand(), Caller.In(StaffRole.Administrator));

        Assert.True(_handled);
        Assert.Equal("handled", response);
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Staff_in_other_roles_are_refused_before_the_handler(StaffRole role)
    {
        var refusal = await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new AdministratorsCommand(), Caller.In(role)));

        Assert.False(_handled);
        Assert.Equal("Only administrators may do this.", refusal.Message);
    }

    [Fact]
    public async Task A_caller_without_a_person_such_as_a_background_job_or_an_API_key_is_refused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new AdministratorsCommand(), Caller.Nobody));

        Assert.False(_handled);
    }

    [Fact]
    public async Task A_message_without_the_marker_reaches_its_handler_whoever_sends_it()
    {
        var response = await SendAsync(new OpenCommand(), Caller.Nobody);

        Assert.True(_handled);
        Assert.Equal("handled", response);
    }

    [Theory]
    [InlineData(StaffRole.President, true)]
    [InlineData(StaffRole.Administrator, true)]
    [InlineData(StaffRole.Manager, false)]
    public async Task A_message_open_to_several_roles_admits_each_of_them(StaffRole role, bool admitted)
    {
        if (admitted)
        {
            await SendAsync(new DeskQuery(), Caller.In(role));
        }
        else
        {
            var refusal = await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new DeskQuery(), Caller.In(role)));
            Assert.Equal("Only presidents or administrators may do this.", refusal.Message);
        }

        Assert.Equal(admitted, _handled);
    }

    private async Task<string> SendAsync<TMessage>(TMessage message, ICurrentUser user)
        where TMessage : IMessage
    {
        var behaviour = new AuthorizationBehaviour<TMessage, string>(user, NullLogger<AuthorizationBehaviour<TMessage, string>>.Instance);
        return await behaviour.Handle(message, (_, _) =>
        {
            _handled = true;
            return ValueTask.FromResult("handled");
        }, TestContext.Current.CancellationToken);
    }

    [RequiresRole(StaffRole.Administrator)]
    public sealed record AdministratorsCommand : ICommand<string>;

    [RequiresRole(StaffRole.President, StaffRole.Administrator)]
    public sealed record DeskQuery : IQuery<string>;

    public sealed record OpenCommand : ICommand<string>;

    private sealed class Caller(Guid? personId, params StaffRole[] roles) : ICurrentUser
    {
        public static Caller Nobody { get; } = new(null);

        public Guid? PersonId => personId;

        public static Caller In(StaffRole role) => new(Guid.CreateVersion7(), role);

        public bool IsInRole(string role) => roles.Any(r => r.ToString() == role);
    }
}
