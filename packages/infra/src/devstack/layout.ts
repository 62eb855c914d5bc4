import { join } from 'node:path'
import type { StackConfig } from './stack-config.js'

export const KAFKA_VERSION = '3.9.1'
export const FERRETDB_VERSION = 'v1.24.2'
export const MONGO_JAVA_SERVER_VERSION = '1.46.0'
/** Bumped whenever the devstack's patches to FerretDB's source change, so cached builds are redone. */
export const FERRETDB_PATCH_LEVEL = 'vodscope1'

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
      mongoJavaDir: join(cacheDir, `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}`),
      mongoJavaPom: join(cacheDir, `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}`, 'pom.xml'),
      mongoJavaLibs: join(cacheDir, `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}`, 'libs'),
      mongoJavaLauncher: join(cacheDir, `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}`, 'Launcher.java'),
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
      log: join(stackDir, 'logs', 'mongo-java-server.log'),
    },
    pidsDir: join(stackDir, 'pids'),
  } as const
}

export type StackLayout = ReturnType<typeof stackLayout>
