package io.vigil.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test at the build's shared local stack:
 * {@code @QuarkusTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database",
 * value = "triage"))}. Starting the stack is paid once per build, so {@link #stop()} leaves it running; it
 * stops when the Maven process does.
 */
public class VigilStackResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE_ARG);
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException(VigilStackResource.class.getSimpleName()
                    + " needs the init argument '" + DATABASE_ARG + "' (intake, triage, notification or reporting)");
        }
    }

    @Override
    public Map<String, String> start() {
        return VigilStack.endpoints().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // Shared by every test class of the build; see the class comment.
    }
}
