import { join } from 'node:path'
import type { StackConfig } from './stack-config.js'

export const KAFKA_VERSION = '3.9.1'
export const FERRETDB_VERSION = 'v1.24.2'
export const MONGO_JAVA_SERVER_VERSION = '1.46.0'
/** The H2 (MVStore) release mongo-java-server 1.46.0 was built against. */
export const H2_VERSION = '2.3.232'
/** Bumped whenever the devstack's patches to FerretDB's source change, so cached builds are redone. */
export const FERRETDB_PATCH_LEVEL = 'vodscope1'

// Its own folder: the older `mongo-java-server-1.46.0/libs` in shared caches holds no H2 backend.
const MONGO_JAVA_DIR = `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}-h2-${H2_VERSION}`

/** Every file the devstack reads or writes, in one place so `up`, `down` and `status` agree. */
export function stackLayout(config: StackConfig) {
  const { stackDir, cacheDir } = config
  return {
    stackDir,
    cache: {
      kafkaDir: join(cacheDir, `kafka-${KAFKA_VERSION}`),
      kafkaPom: join(cacheDir, `kafka-${KAFKA_VERSION}`, 'pom.xml'),
      kafkaLibs: join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs'),
      ferretdbBin: join(cacheDir, 'bin', `ferretdb-${FERRETDB_VERSION}-${FERRETDB_PATCH_LEVEL}`),
      ferretdbSrc: join(cacheDir, `ferretdb-src-${FERRETDB_VERSION}-${FERRETDB_PATCH_LEVEL}`),
      mongoJavaDir: join(cacheDir, MONGO_JAVA_DIR),
      mongoJavaPom: join(cacheDir, MONGO_JAVA_DIR, 'pom.xml'),
      mongoJavaLibs: join(cacheDir, MONGO_JAVA_DIR, 'libs'),
      mongoJavaLauncher: join(cacheDir, MONGO_JAVA_DIR, 'Launcher.java'),
      logsDir: join(cacheDir, 'logs'),
    },
    kafka: {
      serverProperties: join(stackDir, 'kafka', 'server.properties'),
      log4jProperties: join(stackDir, 'kafka', 'log4j.properties'),
      dataDir: join(stackDir, 'kafka', 'data'),
      clusterIdFile: join(stackDir, 'kafka', 'cluster-id'),
      log: join(stackDir, 'logs', 'kafka.log'),
      stdout: join(stackDir, 'logs', 'kafka.out'),
    },
    ferretdb: {
      dataDir: join(stackDir, 'ferretdb', 'data'),
      stateDir: join(stackDir, 'ferretdb', 'state'),
      log: join(stackDir, 'logs', 'ferretdb.log'),
    },
    mongoJava: {
      /** The H2 backend's MVStore: every database of this stack in one file. */
      dataFile: join(stackDir, 'mongo-java-server', 'data.mv.db'),
      log: join(stackDir, 'logs', 'mongo-java-server.log'),
    },
    pidsDir: join(stackDir, 'pids'),
  } as const
}

export type StackLayout = ReturnType<typeof stackLayout>
