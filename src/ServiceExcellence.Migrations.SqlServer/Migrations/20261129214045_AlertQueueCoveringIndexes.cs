using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceExcellence.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AlertQueueCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_Status_Priority",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_AlertRoutes_TeamId",
                table: "AlertRoutes");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Status_Id_AcknowledgeBy_ResolveBy_Priority_CreatedAt_AssigneeId",
                table: "Alerts",
                columns: new[] { "Status", "Id", "AcknowledgeBy", "ResolveBy", "Priority", "CreatedAt", "AssigneeId" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertRoutes_TeamId_AlertId",
                table: "AlertRoutes",
                columns: new[] { "TeamId", "AlertId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_Status_Id_AcknowledgeBy_ResolveBy_Priority_CreatedAt_AssigneeId",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_AlertRoutes_TeamId_AlertId",
                table: "AlertRoutes");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Status_Priority",
                table: "Alerts",
                columns: new[] { "Status", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertRoutes_TeamId",
                table: "AlertRoutes",
                column: "TeamId");
        }
    }
}
