import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MONGO_JAVA_SERVER_VERSION, type StackLayout } from './layout.js'
import { ensureMavenJars } from './maven-jars.js'
import { spawnDetached } from './processes.js'
import type { StackConfig } from './stack-config.js'

/**
 * The fallback when FerretDB cannot be built: an in-memory MongoDB wire server in Java. Its stock main
 * class binds only port 27017, so a few lines of launcher (run as a single source file) choose the port
 * and claim a server version the Node driver accepts (it needs 4.2 or newer).
The launcher file is rewritten on every fetch check, so a changed launcher reaches existing caches.
 */
const LAUNCHER = `import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;

public class Launcher {
  // Its enum stops at 4.0 (wire 7); the Node driver 6 requires wire 8, which the server handles.
  static final MongoVersion MONGO_4_2 = new MongoVersion() {
    public List<Integer> getVersionArray() { return List.of(4, 2, 0); }
    public int getWireVersion() { return 8; }
  };

  public static void main(String[] args) throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend().version(MONGO_4_2));
    server.bind("127.0.0.1", Integer.parseInt(args[0]));
    System.out.println("mongo-java-server listening on 127.0.0.1:" + args[0]);
    Thread.currentThread().join();
  }
}
`

/** Fetches the jars once and (re)writes the launcher; returns false when the jars were already there. */
export async function ensureMongoJavaServer(layout: StackLayout): Promise<boolean> {
  const fetched = await ensureMavenJars({
    projectId: 'vodscope-mongo-java-server',
    dependencies: [
      { groupId: 'de.bwaldvogel', artifactId: 'mongo-java-server', version: MONGO_JAVA_SERVER_VERSION },
    ],
    pomFile: layout.cache.mongoJavaPom,
    libsDir: layout.cache.mongoJavaLibs,
    logFile: join(layout.cache.logsDir, 'mongo-java-server-jars.log'),
  })
  writeFileSync(layout.cache.mongoJavaLauncher, LAUNCHER)
  return fetched
}

/** Data lives in memory only: a restart of this fallback starts with empty databases. */
export function startMongoJavaServer(config: StackConfig, layout: StackLayout): { pid: number } {
  return spawnDetached(
    'java',
    [
      '-Xms64m',
      '-Xmx512m', // in-memory data: room for test runs, capped so it cannot take the machine
      mongoJavaMarker(layout),
      '-cp',
      `${layout.cache.mongoJavaLibs}/*`,
      layout.cache.mongoJavaLauncher,
      String(config.mongoPort),
    ],
    layout.mongoJava.log,
  )
}

/** Names this stack on the command line, so `down` recognises its own process. */
export function mongoJavaMarker(layout: StackLayout): string {
  return `-Dvodscope.stack=${layout.stackDir}`
}
